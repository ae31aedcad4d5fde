using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// 100,000 goroutines each "fetch" for 500 ms. Sleep parks a goroutine instead of blocking a
// thread, so the whole run takes about half a second on a handful of threads.
public static partial class Program
{
    private const int Fetches = 100_000;

    public static void Main()
    {
        var clock = Stopwatch.StartNew();
        int n = Go.Run(() => MainGoroutine());
        SchedulerStats stats = Go.ReadSchedulerStats();
        Console.WriteLine($"{n} results in {clock.ElapsedMilliseconds} ms on {stats.Threads} scheduler threads (GOMAXPROCS={stats.MaxProcs})");
    }

    [Goroutine]
    private static int MainGoroutine()
    {
        var results = new Chan<string>();
        var wg = new WaitGroup();
        for (int i = 0; i < Fetches; i++)
        {
            wg.Add(1);
            go(() => Fetch(i, wg, results)); // arguments evaluated now, as in Go
        }

        go(() => CloseWhenDone(wg, results));
        int n = 0;
        foreach (string r in results) // range over the channel until it is closed
        {
            n++;
        }

        return n;
    }

    [Goroutine]
    private static void Fetch(int id, WaitGroup wg, Chan<string> results)
    {
        using var _ = Defer(wg.Done);           // Go's `defer wg.Done()`
        Sleep(TimeSpan.FromMilliseconds(500));  // parks the goroutine; no thread is blocked
        results.Send($"row {id}");
    }

    [Goroutine]
    private static void CloseWhenDone(WaitGroup wg, Chan<string> results)
    {
        wg.Wait();
        results.Close();
    }
}
