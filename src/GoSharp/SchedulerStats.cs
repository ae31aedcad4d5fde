namespace GoSharp;

/// <summary>A snapshot of the scheduler's counters (see <see cref="Go.ReadSchedulerStats"/>).</summary>
/// <param name="Goroutines">Live goroutines.</param>
/// <param name="MaxProcs">The GOMAXPROCS setting.</param>
/// <param name="Procs">Processor objects created so far (GOMAXPROCS plus any created while others were blocked).</param>
/// <param name="IdleProcs">Ps that another thread could take now.</param>
/// <param name="Threads">Scheduler threads (Ms) created so far, excluding sysmon.</param>
/// <param name="IdleThreads">Scheduler threads asleep with nothing to do.</param>
/// <param name="SpinningThreads">Scheduler threads looking for work.</param>
/// <param name="GlobalRunQueue">Goroutines in the global run queue.</param>
/// <param name="LocalRunQueues">Goroutines in the Ps' local run queues.</param>
/// <param name="Steals">Successful steals from another P's queue.</param>
/// <param name="StolenGoroutines">Goroutines moved by those steals.</param>
/// <param name="PreemptionRequests">Times sysmon asked a goroutine that ran 10 ms to yield.</param>
/// <param name="Handoffs">Times a P's work was handed to other threads because its thread blocked.</param>
public readonly record struct SchedulerStats(
    long Goroutines,
    int MaxProcs,
    int Procs,
    int IdleProcs,
    int Threads,
    int IdleThreads,
    int SpinningThreads,
    int GlobalRunQueue,
    int LocalRunQueues,
    long Steals,
    long StolenGoroutines,
    long PreemptionRequests,
    long Handoffs);
