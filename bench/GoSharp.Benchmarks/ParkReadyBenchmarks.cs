using BenchmarkDotNet.Attributes;
using static GoSharp.Go;

namespace GoSharp.Benchmarks;

/// <summary>
/// Parking a goroutine and readying it, without a channel's value hand-off. Yield: a goroutine
/// readies itself and parks until the scheduler runs it again (<c>Gosched()</c>), against
/// <c>await Task.Yield()</c> in a pool task. Semaphore: two goroutines wake each other through two
/// semaphores of size 1 (<c>Acquire</c> parks, <c>Release</c> readies the waiter), against the
/// same with two <c>SemaphoreSlim</c>s and <c>WaitAsync</c>; one operation is one round trip.
/// </summary>
[Config(typeof(SideBySide))]
public partial class ParkReadyBenchmarks : BenchBase
{
    public const int N = 100_000;
    public const int RoundTrips = 10_000;

    [Goroutine]
    private static int GoYield(int n)
    {
        for (int i = 0; i < n; i++)
        {
            Gosched();
        }

        return n;
    }

    /// <summary>A semaphore of size 1 whose one unit is taken: the next Acquire parks until a Release.</summary>
    [Goroutine]
    private static Semaphore Taken()
    {
        var s = new Semaphore(1);
        s.Acquire(1);
        return s;
    }

    [Goroutine]
    private static void Echo(Semaphore ping, Semaphore pong, int n)
    {
        for (int i = 0; i < n; i++)
        {
            ping.Acquire(1);
            pong.Release(1);
        }
    }

    [Goroutine]
    private static int GoSemaphorePingPong(int n)
    {
        Semaphore ping = Taken(), pong = Taken();
        go(() => Echo(ping, pong, n));
        int trips = 0;
        for (int i = 0; i < n; i++)
        {
            ping.Release(1);
            pong.Acquire(1);
            trips++;
        }

        return trips;
    }

    private static async Task<int> TasksYield(int n)
    {
        for (int i = 0; i < n; i++)
        {
            await Task.Yield();
        }

        return n;
    }

    private static async Task<int> TasksSemaphorePingPong(int n)
    {
        using var ping = new SemaphoreSlim(0);
        using var pong = new SemaphoreSlim(0);
        Task echo = Task.Run(async () =>
        {
            for (int i = 0; i < n; i++)
            {
                await ping.WaitAsync();
                pong.Release();
            }
        });
        int trips = 0;
        for (int i = 0; i < n; i++)
        {
            ping.Release();
            await pong.WaitAsync();
            trips++;
        }

        await echo;
        return trips;
    }

    /// <summary>GoSharp: <c>Gosched()</c> in a loop.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("Yield")]
    public int GoSharp_Gosched() => Go.Run(() => GoYield(N));

    /// <summary>.NET: <c>await Task.Yield()</c> in a loop, in a pool task.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("Yield")]
    public int Tasks_Yield() => Task.Run(() => TasksYield(N)).GetAwaiter().GetResult();

    /// <summary>GoSharp: two goroutines, <c>Release(1)</c> / <c>Acquire(1)</c> on two <c>Semaphore(1)</c>s.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    [BenchmarkCategory("Semaphore")]
    public int GoSharp_Semaphore() => Go.Run(() => GoSemaphorePingPong(RoundTrips));

    /// <summary>.NET: two tasks, <c>Release()</c> / <c>await WaitAsync()</c> on two <c>SemaphoreSlim(0)</c>s.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    [BenchmarkCategory("Semaphore")]
    public int Tasks_SemaphoreSlim() => TasksSemaphorePingPong(RoundTrips).GetAwaiter().GetResult();
}
