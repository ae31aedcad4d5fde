namespace GoSharp.Runtime;

/// <summary>
/// Goroutines that block their thread: Go's entersyscallblock / exitsyscall / handoffp, and
/// sysmon's retake, adapted so that a P is never taken from the M that holds it.
/// </summary>
/// <remarks>
/// A goroutine blocks its M's thread when it runs a synchronous GoSharp operation (a delegate
/// goroutine, or code the generator did not rewrite), or plain blocking code such as
/// <c>Thread.Sleep</c>, or a long computation with no checkpoint. The M keeps its P throughout,
/// so nothing else ever touches that P's run queue as a producer; instead the P is marked
/// <see cref="P.stuck"/>, which removes it from the GOMAXPROCS count, and its queued goroutines
/// move to the global queue where the Ms that now may run pick them up. When the M comes back
/// it clears the mark; if that leaves more Ps running than GOMAXPROCS, whichever M next reaches
/// the scheduler gives its P up (<see cref="ShedP"/>). Why the P is marked rather than taken:
/// docs/design.md, "Why handoff marks Ps stuck".
/// </remarks>
internal static partial class Sched
{
    private static long s_handoffs;

    /// <summary>How many times a P was handed off from a blocked M.</summary>
    internal static long Handoffs => Volatile.Read(ref s_handoffs);

    /// <summary>
    /// Marks <paramref name="p"/> stuck and hands its queued work to other Ms. Called by the P's
    /// own M before it blocks, or by sysmon when the M has not come back for too long.
    /// </summary>
    internal static bool Handoff(P p)
    {
        if (Interlocked.CompareExchange(ref p.stuck, 1, 0) != 0)
        {
            return false;
        }

        lock (schedLock)
        {
            s_nrunning--;
            nstuck++;
            UpdateCapacityLocked();
        }

        Interlocked.Increment(ref s_handoffs);
        p.RunqDrainToGlobal();
        Interlocked.MemoryBarrier(); // StoreLoad before Wakep (see its remarks)
        if (!GlobalRunqEmpty)
        {
            Wakep();
        }

        // The P's M will not run its timers while it is blocked: as Go's handoffp does
        // (wakeNetPoller), make sure another M sleeps no later than the earliest of them.
        if (p.timers.Next is long when and not long.MaxValue)
        {
            WakeForTimer(when);
        }

        return true;
    }

    /// <summary>The P's M is back in the runtime: count the P as running again. Owner only.</summary>
    private static void Unstick(P p)
    {
        if (Interlocked.CompareExchange(ref p.stuck, 0, 1) != 1)
        {
            return;
        }

        lock (schedLock)
        {
            nstuck--;
            s_nrunning++;
            UpdateCapacityLocked();
        }
    }

    /// <summary>
    /// If more Ps run than GOMAXPROCS allows, gives this M's P up (its queue goes to the global
    /// queue). Returns true if the M no longer holds a P and must stop.
    /// </summary>
    private static bool ShedP(M m)
    {
        lock (schedLock)
        {
            if (Volatile.Read(ref idleProcs) >= 0)
            {
                return false;
            }

            P p = ReleaseP(m);
            p.RunqDrainToGlobal();
            PidlePutLocked(p);
        }

        if (m.spinning)
        {
            m.spinning = false;
            Interlocked.Decrement(ref nmspinning);
        }

        return true;
    }

    /// <summary>
    /// Called just before the current thread blocks. On an M, hands its P's work to others
    /// (Go's entersyscallblock). Returns the P to pass to <see cref="ExitBlocking"/>.
    /// </summary>
    internal static P? EnterBlocking()
    {
        P? p = M.Current?.p;
        if (p is not null)
        {
            Handoff(p);
        }

        return p;
    }

    /// <summary>Called when the thread is back from blocking (Go's exitsyscall).</summary>
    internal static void ExitBlocking(P? p)
    {
        if (p is not null)
        {
            Unstick(p);
        }
    }

    /// <summary>Blocks the calling thread until <paramref name="note"/> is woken; other goroutines keep running.</summary>
    internal static void BlockOn(Note note)
    {
        if (M.Current?.bubble is GoSharp.Testing.Bubble bubble)
        {
            bubble.BlockThread(note); // the bubble's baton goes to another of its threads meanwhile
            return;
        }

        if (note.IsSignaled)
        {
            return;
        }

        P? p = EnterBlocking();
        note.Sleep(SpinPolls);
        ExitBlocking(p);
    }
}
