namespace GoSharp.Runtime;

/// <summary>
/// Starting, waking and stopping Ms: Go's wakep / startm / stopm / newm.
/// </summary>
internal static partial class Sched
{
    /// <summary>
    /// Idle Ms and spinning Ms poll this many times (a few tens of microseconds) before blocking
    /// their thread, so work that arrives right after they ran dry costs no system call.
    /// </summary>
    private const int SpinPolls = 64;

    private static int s_nextMid;

    /// <summary>
    /// Tries to get another M running to pick up work that was just made runnable (Go's wakep):
    /// only if a P is free and no M is already spinning, so readying costs two reads in the
    /// common case.
    /// </summary>
    /// <remarks>
    /// Ordering (Go's "#StoreLoad-style memory barrier" between submitting work and checking
    /// nmspinning, proc.go): the caller must have published its work with a full fence before
    /// these reads, or a spinner that is just giving up (it decrements <see cref="nmspinning"/>
    /// with an interlocked op, then rechecks every queue: <c>TryReacquireForPendingWork</c>) and
    /// this readier could each miss the other's write, stranding the work with a P idle. The
    /// reads below are plain acquire loads, so the fence is the caller's, path by path:
    /// <list type="bullet">
    /// <item>runnext (<see cref="Ready"/>, <see cref="Newproc"/> on a P): the interlocked
    /// exchange of <c>runnext</c> is the fence. A goroutine it displaces to the ring tail is
    /// published later, but the P's queue is already visibly non-empty through runnext, so the
    /// spinner's recheck finds work and it steals the rest.</item>
    /// <item>global queue from a P-less thread (<c>RunqPutHere</c>) and a hand-off's drain
    /// (<c>Handoff</c>): the queue lock's release is not a full fence in .NET's memory model, so
    /// they call <see cref="Interlocked.MemoryBarrier"/> first.</item>
    /// <item>timers (<c>AddTimer</c>): its own <see cref="Interlocked.MemoryBarrier"/> precedes.</item>
    /// <item><c>ResetSpinning</c>: its interlocked decrement is the fence.</item>
    /// <item>yield (<c>FrameOutcome.Yield</c>) puts on the global queue without waking anyone:
    /// the yielding M itself looks at that queue next.</item>
    /// </list>
    /// </remarks>
    internal static void Wakep()
    {
        if (Volatile.Read(ref idleProcs) <= 0)
        {
            return;
        }

        if (Volatile.Read(ref nmspinning) != 0 || Interlocked.CompareExchange(ref nmspinning, 1, 0) != 0)
        {
            return;
        }

        StartM(spinning: true);
    }

    /// <summary>
    /// Gives a free P to an idle (or new) M and wakes it (Go's startm). A spinning start has
    /// already been counted in <see cref="nmspinning"/> by the caller.
    /// </summary>
    private static void StartM(bool spinning)
    {
        M? m;
        P? p;
        bool isNew = false;
        lock (schedLock)
        {
            p = PidleGetLocked();
            if (p is null)
            {
                if (spinning)
                {
                    Interlocked.Decrement(ref nmspinning);
                }

                return;
            }

            m = MgetLocked();
            if (m is null)
            {
                m = new M(Interlocked.Increment(ref s_nextMid));
                allm = [.. allm, m];
                isNew = true;
            }

            m.spinning = spinning;
            m.nextp = p;
        }

        if (isNew)
        {
            m.Launch(); // the new thread starts with nextp already set
        }
        else
        {
            m.park.Wakeup();
        }

        Sysmon.Wake();
    }

    /// <summary>
    /// Puts the current M (which holds no P) on the idle list and sleeps until
    /// <see cref="StartM"/> hands it a P (Go's stopm). If it is the timer sleeper, it also wakes
    /// when the earliest timer is due (or an earlier one is armed), runs the due timers without a
    /// P (their goroutines go to the global queue) and sleeps again.
    /// </summary>
    private static void StopM(M m)
    {
        while (true)
        {
            int timeoutMs = ClaimTimerSleep(m);
            lock (schedLock)
            {
                m.park.Clear();
                MputLocked(m);
            }

            m.park.Sleep(SpinPolls, timeoutMs);
            ReleaseTimerSleep(m);
            lock (schedLock)
            {
                if (m.nextp is not null)
                {
                    break;
                }

                RemoveIdleMLocked(m);
            }

            RunAllTimers();
        }

        AcquireP(m, m.nextp!);
        m.nextp = null;
    }

    private static void RemoveIdleMLocked(M m)
    {
        M? prev = null;
        for (M? x = s_midle; x is not null; prev = x, x = x.schedlink)
        {
            if (x == m)
            {
                if (prev is null)
                {
                    s_midle = m.schedlink;
                }
                else
                {
                    prev.schedlink = m.schedlink;
                }

                m.schedlink = null;
                s_nmidle--;
                return;
            }
        }
    }

    /// <summary>The spinning M found work: stop spinning and let another M take over the search.</summary>
    private static void ResetSpinning(M m)
    {
        m.spinning = false;
        Interlocked.Decrement(ref nmspinning);

        // This M found work; there may be more. Go's "M wakeup policy": keep one spinner around.
        Wakep();
    }

    /// <summary>Entry point of a new M's thread.</summary>
    internal static void Mstart(M m)
    {
        AcquireP(m, m.nextp!);
        m.nextp = null;
        Schedule(m);
    }
}
