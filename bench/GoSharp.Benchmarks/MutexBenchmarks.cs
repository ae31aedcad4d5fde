using BenchmarkDotNet.Attributes;
using static GoSharp.Go;

namespace GoSharp.Benchmarks;

/// <summary>
/// Go's <c>sync.Mutex</c> beside <c>SemaphoreSlim(1, 1)</c>, .NET's lock that can be awaited.
/// One operation is one lock, increment, unlock. Uncontended: one goroutine (task) alone.
/// Contended: 4 goroutines (tasks) share one lock and one counter, N/4 increments each.
/// </summary>
[Config(typeof(SideBySide))]
public partial class MutexBenchmarks : BenchBase
{
    public const int N = 100_000;
    private const int Workers = 4;

    [Goroutine]
    private static void Increment(Mutex mu, long[] counter, int n)
    {
        for (int i = 0; i < n; i++)
        {
            mu.Lock();
            counter[0]++;
            mu.Unlock();
        }
    }

    [Goroutine]
    private static void IncrementAndSignal(Mutex mu, long[] counter, int n, WaitGroup wg)
    {
        Increment(mu, counter, n);
        wg.Done();
    }

    [Goroutine]
    private static long GoUncontended(int n)
    {
        var counter = new long[1];
        Increment(new Mutex(), counter, n);
        return counter[0];
    }

    [Goroutine]
    private static long GoContended(int n)
    {
        var mu = new Mutex();
        var counter = new long[1];
        var wg = new WaitGroup();
        wg.Add(Workers);
        for (int w = 0; w < Workers; w++)
        {
            go(() => IncrementAndSignal(mu, counter, n / Workers, wg));
        }

        wg.Wait();
        return counter[0];
    }

    private static async Task Increment(SemaphoreSlim mu, long[] counter, int n)
    {
        for (int i = 0; i < n; i++)
        {
            await mu.WaitAsync();
            counter[0]++;
            mu.Release();
        }
    }

    private static async Task<long> TasksContended(int n)
    {
        using var mu = new SemaphoreSlim(1, 1);
        var counter = new long[1];
        var workers = new Task[Workers];
        for (int w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(() => Increment(mu, counter, n / Workers));
        }

        await Task.WhenAll(workers);
        return counter[0];
    }

    private static async Task<long> TasksUncontended(int n)
    {
        using var mu = new SemaphoreSlim(1, 1);
        var counter = new long[1];
        await Increment(mu, counter, n);
        return counter[0];
    }

    /// <summary>GoSharp: <c>mu.Lock(); counter++; mu.Unlock();</c> in one goroutine.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("Uncontended")]
    public long GoSharp_Mutex() => Go.Run(() => GoUncontended(N));

    /// <summary>.NET: <c>await mu.WaitAsync(); counter++; mu.Release();</c> in one task.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("Uncontended")]
    public long Tasks_SemaphoreSlim() => TasksUncontended(N).GetAwaiter().GetResult();

    /// <summary>GoSharp: 4 goroutines on one <c>Mutex</c>.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("Contended4")]
    public long GoSharp_Mutex4() => Go.Run(() => GoContended(N));

    /// <summary>.NET: 4 tasks (<c>Task.Run</c>) on one <c>SemaphoreSlim(1, 1)</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("Contended4")]
    public long Tasks_SemaphoreSlim4() => TasksContended(N).GetAwaiter().GetResult();
}
