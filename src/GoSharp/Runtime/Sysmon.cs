namespace GoSharp.Runtime;

/// <summary>
/// The system monitor: Go's sysmon, a background thread that holds no P.
/// </summary>
/// <remarks>
/// Every tick (1 ms, backing off to 10 ms while nothing needs doing) it looks at each running P:
/// <list type="bullet">
/// <item>a P whose <see cref="P.schedtick"/> has not moved for 10 ms (Go's forcePreemptNS) runs
/// one goroutine too long: sysmon sets that goroutine's <see cref="G.preempt"/> flag and the
/// goroutine yields at its next checkpoint;</item>
/// <item>a P whose goroutine still has not come back 10 ms after that is blocked or stuck in
/// code without checkpoints: sysmon hands its work to other Ms (<see cref="Sched.Handoff"/>),
/// as Go's retake does for a P in a long system call.</item>
/// </list>
/// It also watches the live SyncTest bubbles, whose goroutines run on threads of their own
/// (<c>Testing/Bubble.Watchdog.cs</c>). When every P is idle and no bubble is live it sleeps
/// until <see cref="Wake"/> (the runtime then uses no CPU at all).
/// </remarks>
internal static class Sysmon
{
    /// <summary>Go's forcePreemptNS: the time slice.</summary>
    internal const long ForcePreemptNs = 10_000_000;

    /// <summary>A goroutine that ignores a preemption request this long is treated as blocked.</summary>
    internal const long HandoffNs = 2 * ForcePreemptNs;

    private const int MinDelayMs = 1;
    private const int MaxDelayMs = 10;

    private static readonly Note s_note = new();
    private static int s_sleeping;
    private static long s_preemptions;
    private static long s_ticks;
    private static PWatch[] s_watch = Array.Empty<PWatch>();

    private struct PWatch
    {
        internal uint schedtick;
        internal long schedwhen;
        internal bool preempted;
    }

    internal static long Preemptions => Volatile.Read(ref s_preemptions);

    internal static void Start()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "GoSharp sysmon" };
        thread.Start();
    }

    /// <summary>Wakes sysmon if it sleeps because everything was idle. Cheap when it is awake.</summary>
    internal static void Wake()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref s_sleeping) != 0 && Interlocked.Exchange(ref s_sleeping, 0) != 0)
        {
            s_note.Wakeup();
        }
    }

    private static void Loop()
    {
        int delay = MinDelayMs;
        int quiet = 0;
        while (true)
        {
            Thread.Sleep(delay);
            GoDebug.TraceIfDue();
            if (Sched.NothingRunning)
            {
                DeadlockDetector.CheckWhenIdle();
            }

            if (AllIdle())
            {
                SleepUntilWork();
                delay = MinDelayMs;
                quiet = 0;
                continue;
            }

            Interlocked.Increment(ref s_ticks);
            long now = Nanotime.Now();
            foreach (GoSharp.Testing.Bubble bubble in GoSharp.Testing.LiveBubbles.All)
            {
                bubble.Watch(now); // SyncTest bubbles run one goroutine at a time: see Bubble.Watchdog.cs
            }

            if (Retake(now))
            {
                delay = MinDelayMs;
                quiet = 0;
            }
            else if (++quiet > 50)
            {
                delay = Math.Min(delay * 2, MaxDelayMs);
            }
        }
    }

    private static bool AllIdle() =>
        Volatile.Read(ref Sched.idleProcs) >= Volatile.Read(ref Sched.gomaxprocs) && Volatile.Read(ref Sched.nstuck) == 0 &&
        GoSharp.Testing.LiveBubbles.All.Length == 0;

    private static void SleepUntilWork()
    {
        s_note.Clear();
        Volatile.Write(ref s_sleeping, 1);
        Interlocked.MemoryBarrier();
        if (!AllIdle() || DeadlockDetector.CheckPending)
        {
            // Work arrived between the check and publishing s_sleeping, or the scheduler went
            // idle since the last deadlock check (its wake-up may have come before s_sleeping).
            Interlocked.Exchange(ref s_sleeping, 0);
            return;
        }

        // With schedtrace on, wake up for each trace line even when idle, as Go does.
        while (!s_note.Sleep(0, GoDebug.TraceIfDue()))
        {
        }
    }

    /// <summary>Preempts long-running goroutines and hands off stuck Ps (Go's retake). True if it acted.</summary>
    private static bool Retake(long now)
    {
        P[] ps = Sched.allp;
        if (s_watch.Length < ps.Length)
        {
            Array.Resize(ref s_watch, ps.Length);
        }

        bool acted = false;
        foreach (P p in ps)
        {
            ref PWatch w = ref s_watch[p.id];
            if (Volatile.Read(ref p.status) != PStatus.Running || p.m?.curg is not G g)
            {
                w.schedwhen = now;
                w.preempted = false;
                continue;
            }

            uint tick = Volatile.Read(ref p.schedtick);
            if (tick != w.schedtick)
            {
                w.schedtick = tick;
                w.schedwhen = now;
                w.preempted = false;
                continue;
            }

            long ran = now - w.schedwhen;
            if (ran >= ForcePreemptNs && !w.preempted)
            {
                Volatile.Write(ref g.preempt, true);
                w.preempted = true;
                Interlocked.Increment(ref s_preemptions);
                acted = true;
            }

            if (ran >= HandoffNs && Volatile.Read(ref p.stuck) == 0 && (!p.RunqEmpty() || !Sched.GlobalRunqEmpty))
            {
                acted |= Sched.Handoff(p);
            }
        }

        return acted;
    }
}
