using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

public static partial class Go
{
    /// <summary>
    /// Sets how many threads may run goroutine code at once and returns the previous setting
    /// (Go's <c>runtime.GOMAXPROCS</c>). A value below 1 only queries. The default is the
    /// <c>GOMAXPROCS</c> environment variable, else <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    /// <param name="n">The new setting, or 0 to query.</param>
    public static int GOMAXPROCS(int n) => Sched.SetMaxProcs(n);

    /// <summary>The number of goroutines that exist (Go's <c>runtime.NumGoroutine</c>).</summary>
    public static int NumGoroutine() => (int)Sched.GoroutineCount();

    /// <summary>
    /// A Go-style dump of every live goroutine: <c>goroutine 7 [chan receive, 3 minutes]:</c>, then
    /// its frames innermost first and what it waits on.
    /// </summary>
    public static string DumpGoroutines() => GoroutineDump.Format();

    /// <summary>
    /// Yields the processor so other goroutines can run (Go's <c>runtime.Gosched</c>). This is the
    /// blocking form: in a delegate goroutine it lets another thread run the queued goroutines for
    /// a moment; in a <c>[Goroutine]</c> method the generator uses <see cref="GoschedAsync"/>.
    /// </summary>
    [AwaitableForm(nameof(GoschedAsync))]
    public static void Gosched()
    {
        if (GoSharp.Testing.Bubble.Current is GoSharp.Testing.Bubble bubble)
        {
            bubble.YieldThread(); // the bubble's other goroutines run meanwhile
            return;
        }

        P? p = Sched.EnterBlocking();
        Thread.Yield();
        Sched.ExitBlocking(p);
    }

    /// <summary>Yields the goroutine's time slice: <c>await Go.GoschedAsync();</c> in goroutine code.</summary>
    public static YieldAwaitable GoschedAsync() => default;

    /// <summary>Reads the scheduler's counters.</summary>
    public static SchedulerStats ReadSchedulerStats()
    {
        Sched.EnsureStarted();
        return Sched.ReadStats();
    }
}
