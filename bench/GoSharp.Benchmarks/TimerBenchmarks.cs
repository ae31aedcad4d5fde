using BenchmarkDotNet.Attributes;
using static GoSharp.Go;

namespace GoSharp.Benchmarks;

/// <summary>
/// Timers. Sleep: 10,000 goroutines (tasks) each wait 1 ms at the same time and then count down a
/// WaitGroup: <c>Sleep(1 ms)</c> and <c>&lt;-After(1 ms)</c> against <c>await Task.Delay(1)</c> in
/// <c>Task.Run</c>; one operation is one goroutine started, asleep, woken and finished, so the 1 ms
/// itself is shared by all 10,000. StartStop: a timer created and stopped before it fires
/// (<c>NewTimer(1 s).Stop()</c>) against a <c>System.Threading.Timer</c> created and disposed.
/// </summary>
[Config(typeof(SideBySide))]
public partial class TimerBenchmarks : BenchBase
{
    public const int Sleepers = 10_000;
    public const int N = 100_000;
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Goroutine]
    private static void Sleeper(WaitGroup wg, bool after)
    {
        if (after)
        {
            After(OneMs).Receive();
        }
        else
        {
            Sleep(OneMs);
        }

        wg.Done();
    }

    [Goroutine]
    private static int GoSleepers(int n, bool after)
    {
        var wg = new WaitGroup();
        wg.Add(n);
        for (int i = 0; i < n; i++)
        {
            go(() => Sleeper(wg, after));
        }

        wg.Wait();
        return n;
    }

    [Goroutine]
    private static int GoStartStop(int n)
    {
        int stopped = 0;
        for (int i = 0; i < n; i++)
        {
            if (NewTimer(OneSecond).Stop())
            {
                stopped++;
            }
        }

        return stopped;
    }

    private static async Task<int> TaskDelays(int n)
    {
        var wg = new TaskCountdown(n);
        for (int i = 0; i < n; i++)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(OneMs);
                wg.Done();
            });
        }

        await wg.Task;
        return n;
    }

    /// <summary>GoSharp: <c>Sleep(1 ms)</c> in each of 10,000 goroutines.</summary>
    [Benchmark(OperationsPerInvoke = Sleepers)]
    [BenchmarkCategory("Sleep")]
    public int GoSharp_Sleep() => Go.Run(() => GoSleepers(Sleepers, false));

    /// <summary>GoSharp: <c>After(1 ms).Receive()</c> in each of 10,000 goroutines.</summary>
    [Benchmark(OperationsPerInvoke = Sleepers)]
    [BenchmarkCategory("Sleep")]
    public int GoSharp_After() => Go.Run(() => GoSleepers(Sleepers, true));

    /// <summary>.NET: <c>await Task.Delay(1)</c> in each of 10,000 <c>Task.Run</c> tasks.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sleepers)]
    [BenchmarkCategory("Sleep")]
    public int Tasks_Delay() => TaskDelays(Sleepers).GetAwaiter().GetResult();

    /// <summary>GoSharp: <c>NewTimer(1 s).Stop()</c> in a loop (the timer never fires).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("StartStop")]
    public int GoSharp_TimerStop() => Go.Run(() => GoStartStop(N));

    /// <summary>.NET: <c>new System.Threading.Timer(cb, null, 1000, Infinite)</c> then <c>Dispose()</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("StartStop")]
    public int Threading_TimerDispose()
    {
        int disposed = 0;
        for (int i = 0; i < N; i++)
        {
            var t = new System.Threading.Timer(static _ => { }, null, 1000, Timeout.Infinite);
            t.Dispose();
            disposed++;
        }

        return disposed;
    }
}
