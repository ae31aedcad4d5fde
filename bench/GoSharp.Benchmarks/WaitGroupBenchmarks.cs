using BenchmarkDotNet.Attributes;
using static GoSharp.Go;

namespace GoSharp.Benchmarks;

/// <summary>
/// Go's <c>sync.WaitGroup</c> beside what .NET code uses instead. AddDone: <c>wg.Add(1);
/// wg.Done();</c> with nobody waiting (the counter's cost), against <c>CountdownEvent</c>'s
/// <c>AddCount(); Signal();</c>; one operation is one pair. FanIn: rounds of 4 goroutines (tasks)
/// that each call <c>Done</c> while the spawner waits for the round, against an Interlocked countdown
/// completing a <c>TaskCompletionSource</c>; one operation is one worker started, finished and
/// waited for.
/// </summary>
[Config(typeof(SideBySide))]
public partial class WaitGroupBenchmarks : BenchBase
{
    public const int N = 100_000;
    public const int FanInN = 10_000;
    private const int Round = 4;

    [Goroutine]
    private static int GoAddDone(int n)
    {
        var wg = new WaitGroup();
        for (int i = 0; i < n; i++)
        {
            wg.Add(1);
            wg.Done();
        }

        wg.Wait();
        return n;
    }

    [Goroutine]
    private static void Worker(WaitGroup wg) => wg.Done();

    [Goroutine]
    private static int GoFanIn(int n)
    {
        var wg = new WaitGroup();
        int done = 0;
        for (int r = 0; r < n / Round; r++)
        {
            wg.Add(Round);
            for (int w = 0; w < Round; w++)
            {
                go(() => Worker(wg));
            }

            wg.Wait();
            done += Round;
        }

        return done;
    }

    private static async Task<int> TasksFanIn(int n)
    {
        int done = 0;
        for (int r = 0; r < n / Round; r++)
        {
            var wg = new TaskCountdown(Round);
            for (int w = 0; w < Round; w++)
            {
                _ = Task.Run(wg.Done);
            }

            await wg.Task;
            done += Round;
        }

        return done;
    }

    /// <summary>GoSharp: <c>wg.Add(1); wg.Done();</c>, then one <c>wg.Wait()</c> that does not park.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("AddDone")]
    public int GoSharp_AddDone() => Go.Run(() => GoAddDone(N));

    /// <summary>.NET: <c>AddCount(); Signal();</c> on a <c>CountdownEvent</c>, then one <c>Wait()</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("AddDone")]
    public int CountdownEvent_AddSignal()
    {
        using var wg = new CountdownEvent(1);
        for (int i = 0; i < N; i++)
        {
            wg.AddCount();
            wg.Signal();
        }

        wg.Signal();
        wg.Wait();
        return N;
    }

    /// <summary>GoSharp: <c>wg.Add(4)</c>, 4 × <c>go(() =&gt; Worker(wg))</c>, <c>wg.Wait()</c>, repeated.</summary>
    [Benchmark(OperationsPerInvoke = FanInN)]
    [BenchmarkCategory("FanIn")]
    public int GoSharp_FanIn() => Go.Run(() => GoFanIn(FanInN));

    /// <summary>.NET: 4 × <c>Task.Run(wg.Done)</c> on a countdown, <c>await wg.Task</c>, repeated.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = FanInN)]
    [BenchmarkCategory("FanIn")]
    public int Tasks_FanIn() => TasksFanIn(FanInN).GetAwaiter().GetResult();
}
