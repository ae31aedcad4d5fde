using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TasksBench;

// 8. hog: one task spins in a call-free loop for about hogMs milliseconds (iteration count
// calibrated first) while another awaits Task.Delay(1) in a loop and records the longest gap
// between two wake-ups. Nothing in .NET preempts the loop: on one thread the ticker waits for it.
internal static class Hog
{
    private static ulong s_sink;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Spin(ulong iters)
    {
        ulong x = 88172645463325252UL;
        for (ulong i = 0; i < iters; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return x;
    }

    /// <summary>The ticking loop; returns the number of ticks and the worst gap between two.</summary>
    private static async Task<(long Ticks, double WorstMs)> Tick(StrongBox<bool> stop, ManualResetEventSlim started)
    {
        long ticks = 0;
        double worst = 0;
        long last = Stopwatch.GetTimestamp();
        started.Set();
        while (!Volatile.Read(ref stop.Value))
        {
            await Task.Delay(1);
            long now = Stopwatch.GetTimestamp();
            worst = Math.Max(worst, Stopwatch.GetElapsedTime(last, now).TotalMilliseconds);
            last = now;
            ticks++;
        }

        return (ticks, worst);
    }

    public static void Run(string name, int hogMs, TaskScheduler scheduler)
    {
        const ulong Calibration = 200_000_000;
        s_sink += Spin(Calibration / 10); // warm up (and tier up)
        long c0 = Stopwatch.GetTimestamp();
        s_sink += Spin(Calibration);
        ulong iters = (ulong)(Calibration / Program.Ms(c0) * hogMs);

        var factory = new TaskFactory(CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskContinuationOptions.None, scheduler);
        var stop = new StrongBox<bool>();
        using var started = new ManualResetEventSlim();
        Task<(long Ticks, double WorstMs)> ticker = factory.StartNew(() => Tick(stop, started)).Unwrap();
        started.Wait();
        Task<long> hog = factory.StartNew(() =>
        {
            long h0 = Stopwatch.GetTimestamp();
            s_sink += Spin(iters);
            return (long)Program.Ms(h0);
        });
        long hogActual = hog.GetAwaiter().GetResult();
        Volatile.Write(ref stop.Value, true);
        (long ticks, double worstMs) = ticker.GetAwaiter().GetResult();
        Console.WriteLine(
            $"{name} lang=dotnet sched={(scheduler == TaskScheduler.Default ? "threadpool" : "single-thread")} procs={Environment.ProcessorCount} " +
            $"hog_ms={hogActual} ticks={ticks} worst_tick_gap_ms={worstMs:F2}");
    }
}
