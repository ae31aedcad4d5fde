using System.Diagnostics;

namespace TasksBench;

// 7. sleepers: n tasks each await Task.Delay(500) and then count a countdown down; the figure is
// the wall time until the last one is done (500 ms is the floor).
internal static class Sleepers
{
    private static readonly TimeSpan Nap = TimeSpan.FromMilliseconds(500);

    public static async Task Run(int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var wg = new Countdown(n);
        for (int i = 0; i < n; i++)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(Nap);
                wg.Done();
            });
        }

        double spawnMs = Program.Ms(t0);
        await wg.WaitAsync();
        Console.WriteLine($"sleepers lang=dotnet n={n} ms={Program.Ms(t0):F1} spawn_ms={spawnMs:F1}");
    }
}
