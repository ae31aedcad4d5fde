namespace GoSharp.Runtime;

/// <summary>Scheduler counters for <see cref="Go.ReadSchedulerStats"/>, schedtrace and the EventSource.</summary>
internal static partial class Sched
{
    internal static SchedulerStats ReadStats()
    {
        long steals = 0, stolen = 0;
        int local = 0;
        P[] ps = allp;
        foreach (P p in ps)
        {
            steals += Volatile.Read(ref p.stats.steals);
            stolen += Volatile.Read(ref p.stats.stolenGoroutines);
            local += p.RunqSize;
        }

        return new SchedulerStats(
            Goroutines: GoroutineCount(),
            MaxProcs: Volatile.Read(ref gomaxprocs),
            Procs: ps.Length,
            IdleProcs: Math.Max(0, Volatile.Read(ref idleProcs)),
            Threads: MCount,
            IdleThreads: IdleMCount,
            SpinningThreads: Volatile.Read(ref nmspinning),
            GlobalRunQueue: GlobalRunqSize,
            LocalRunQueues: local,
            Steals: steals,
            StolenGoroutines: stolen,
            PreemptionRequests: Sysmon.Preemptions,
            Handoffs: Volatile.Read(ref s_handoffs));
    }
}
