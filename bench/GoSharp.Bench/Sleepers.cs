using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 7. sleepers: n goroutines each sleep 500 ms then signal a WaitGroup; total wall time.
internal static partial class Sleepers
{
    private static readonly TimeSpan Nap = TimeSpan.FromMilliseconds(500);

    [Goroutine]
    private static void Sleeper(WaitGroup wg)
    {
        Sleep(Nap);
        wg.Done();
    }

    [Goroutine]
    public static void Run(string name, int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var wg = new WaitGroup();
        wg.Add(n);
        for (int i = 0; i < n; i++)
        {
            go(() => Sleeper(wg));
        }

        double spawnMs = Program.Ms(t0);
        wg.Wait();
        double ms = Program.Ms(t0);
        Console.WriteLine($"{name} lang=gosharp n={n} ms={ms:F1} spawn_ms={spawnMs:F1}");
    }
}
