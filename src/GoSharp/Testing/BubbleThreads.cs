using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// The threads that run bubbles' goroutines: Ms without a P, shared by all bubbles through a
/// small pool. A bubble takes one whenever its baton needs a new holder (at start, and when the
/// holder's goroutine blocks the thread); a thread whose bubble no longer needs it comes back.
/// </summary>
internal static class BubbleThreads
{
    /// <summary>Idle threads kept for the next bubble; beyond this, an idle thread ends.</summary>
    private const int MaxIdle = 8;

    private static readonly object s_lock = new();
    private static readonly Stack<M> s_idle = new();
    private static int s_created;

    /// <summary>A thread for the baton: an idle one, or a new one (started by <see cref="Start"/>).</summary>
    internal static M Rent()
    {
        lock (s_lock)
        {
            if (s_idle.TryPop(out M? idle))
            {
                return idle;
            }
        }

        int n = Interlocked.Increment(ref s_created);
        return new M(n, $"GoSharp bubble thread {n}", Main);
    }

    /// <summary>Sets <paramref name="m"/> to run <paramref name="bubble"/>'s loop and wakes (or starts) it.</summary>
    internal static void Start(M m, Bubble bubble)
    {
        Volatile.Write(ref m.bubble, bubble);
        if ((m.ThreadState & ThreadState.Unstarted) != 0)
        {
            m.Launch();
        }
        else
        {
            m.park.Wakeup();
        }
    }

    private static void Main(M m)
    {
        while (true)
        {
            Bubble bubble = Volatile.Read(ref m.bubble)!;
            SynchronizationContext.SetSynchronizationContext(bubble.synchronizationContext);
            bubble.Loop(m);
            SynchronizationContext.SetSynchronizationContext(null);
            m.park.Clear();
            Volatile.Write(ref m.bubble, null);
            lock (s_lock)
            {
                if (s_idle.Count >= MaxIdle)
                {
                    return;
                }

                s_idle.Push(m);
            }

            while (Volatile.Read(ref m.bubble) is null)
            {
                m.park.Sleep(0);
            }
        }
    }
}
