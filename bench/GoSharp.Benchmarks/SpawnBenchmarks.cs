using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// Spawn and complete: N goroutines (tasks) that each decrement a countdown; the spawner waits for
/// the last. One operation is one goroutine (task) started and finished.
/// </summary>
[Config(typeof(SideBySide))]
public class SpawnBenchmarks : BenchBase
{
    public const int N = 10_000;

    private static async GoTask Worker(Countdown wg, GoroutineEntry entry = default)
    {
        await entry;
        wg.Done();
    }

    private static async GoTask GoSpawnEntry(int n, GoroutineEntry entry = default)
    {
        await entry;
        var wg = new Countdown(n);
        for (int i = 0; i < n; i++)
        {
            Goroutines.Spawn(Worker(wg, GoroutineEntry.Spawn));
            await Preemption.Checkpoint();
        }

        await wg.WaitAsync();
    }

    private static async GoTask GoSpawnAction(int n, GoroutineEntry entry = default)
    {
        await entry;
        var wg = new Countdown(n);
        for (int i = 0; i < n; i++)
        {
            Go.go(() => wg.Done());
            await Preemption.Checkpoint();
        }

        await wg.WaitAsync();
    }

    private static Task TaskRunAll(int n)
    {
        var wg = new TaskCountdown(n);
        for (int i = 0; i < n; i++)
        {
            _ = Task.Run(() => wg.Done());
        }

        return wg.Task;
    }

    /// <summary>GoSharp: <c>Goroutines.Spawn(Worker(wg, GoroutineEntry.Spawn))</c>, the generated allocation-free path.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void GoSharp_Spawn() => Goroutines.Run(GoSpawnEntry(N, GoroutineEntry.Spawn));

    /// <summary>GoSharp: <c>go(() =&gt; wg.Done())</c>, a delegate goroutine (Go's literal <c>go func(){...}()</c>).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void GoSharp_GoAction() => Goroutines.Run(GoSpawnAction(N, GoroutineEntry.Spawn));

    /// <summary>.NET: <c>Task.Run(() =&gt; wg.Done())</c> + Interlocked countdown + TaskCompletionSource.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void Tasks_TaskRun() => TaskRunAll(N).GetAwaiter().GetResult();
}
