using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// Concurrency pays for waiting, not for computing. N goroutines that each wait 100 ms finish
// together in about 100 ms whatever N is: a parked goroutine holds no thread. N goroutines that
// each compute for 100 ms take N / GOMAXPROCS times as long: only GOMAXPROCS of them run at once.
public static partial class Program
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(100);

    /// <summary>Jobs of the current batch that have finished (batches run one at a time).</summary>
    private static int s_finished;

    public static void Main()
    {
        int procs = GOMAXPROCS(0);
        long iterations = CalibrateSpin(Wait);

        Console.WriteLine($"I/O-bound: each goroutine waits {Wait.TotalMilliseconds:0} ms (Sleep parks it)");
        PrintTable(new[] { 1, 10, 100, 1_000, 10_000, 100_000 }, n => Go.Run(() => Batch(n, iterations: 0)));

        Console.WriteLine();
        Console.WriteLine($"CPU-bound: each goroutine computes for about {Wait.TotalMilliseconds:0} ms (GOMAXPROCS={procs})");
        PrintTable(new[] { 1, procs, 2 * procs, 4 * procs }.Distinct(), n => Go.Run(() => Batch(n, iterations)));
    }

    /// <summary>Runs each batch size; the speed-up is against running the jobs one after another.</summary>
    private static void PrintTable(IEnumerable<int> sizes, Func<int, TimeSpan> runBatch)
    {
        Console.WriteLine($"{"N",9} {"elapsed",10} {"speed-up",10}");
        runBatch(1); // warm-up: the first run also pays for JIT compilation
        TimeSpan one = runBatch(1);
        ClearProgress();
        foreach (int n in sizes)
        {
            TimeSpan elapsed = n == 1 ? one : runBatch(n);
            ClearProgress();
            double speedUp = n * one.TotalMilliseconds / elapsed.TotalMilliseconds;
            Console.WriteLine($"{n,9:N0} {elapsed.TotalMilliseconds,7:N0} ms {speedUp,9:N1}x");
        }
    }

    /// <summary>Starts <paramref name="n"/> jobs, waits for all of them and returns how long that took.</summary>
    [Goroutine]
    private static TimeSpan Batch(int n, long iterations)
    {
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref s_finished, 0);
        var wg = new WaitGroup();
        for (int i = 0; i < n; i++)
        {
            wg.Add(1);
            if (iterations == 0)
            {
                go(() => WaitJob(wg));
            }
            else
            {
                go(() => ComputeJob(iterations, wg));
            }
        }

        var stop = new Chan<Unit>();
        go(() => ShowProgress(n, stop));
        wg.Wait();
        stop.Send(Unit.Value); // once it is received, the progress goroutine writes nothing more
        return clock.Elapsed;
    }

    [Goroutine]
    private static void WaitJob(WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        Sleep(Wait); // or Go.Await(Task.Delay(Wait)): a goroutine parks on a Task just as well
        Interlocked.Increment(ref s_finished);
    }

    [Goroutine]
    private static void ComputeJob(long iterations, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        Spin(iterations);
        Interlocked.Increment(ref s_finished);
    }

    /// <summary>A terminal gets a live progress line; a log gets the tables only.</summary>
    private static readonly bool s_live = !Console.IsOutputRedirected;

    /// <summary>The live progress line, redrawn ten times a second until <paramref name="stop"/> is received.</summary>
    [Goroutine]
    private static void ShowProgress(int n, Chan<Unit> stop)
    {
        Ticker ticker = NewTicker(TimeSpan.FromMilliseconds(100));
        using var _ = Defer(ticker.Stop);
        while (true)
        {
            switch (Select(stop.OnReceive(), ticker.C.OnReceive()))
            {
                case 0:
                    return;
                case 1:
                    if (s_live)
                    {
                        Console.Write($"\r  running: {Volatile.Read(ref s_finished):N0} of {n:N0} done");
                    }

                    break;
            }
        }
    }

    private static void ClearProgress()
    {
        if (s_live)
        {
            Console.Write("\r" + new string(' ', 40) + "\r");
        }
    }

    /// <summary>A pure computation the JIT cannot remove: steps of a linear congruential generator.</summary>
    [Goroutine]
    private static ulong Spin(long iterations)
    {
        ulong x = 1;
        for (long i = 0; i < iterations; i++)
        {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
        }

        return x;
    }

    /// <summary>How many iterations of <see cref="Spin"/> take a goroutine about <paramref name="target"/> on this machine.</summary>
    private static long CalibrateSpin(TimeSpan target)
    {
        const long Probe = 20_000_000;
        Go.Run(() => Batch(1, Probe)); // warm-up, so that the code measured next is fully optimised
        TimeSpan fastest = Enumerable.Range(0, 3).Min(_ => Go.Run(() => Batch(1, Probe))); // the least disturbed
        ClearProgress();
        return (long)(Probe * (target / fastest));
    }
}
