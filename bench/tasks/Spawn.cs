using System.Diagnostics;

namespace TasksBench;

// 2. spawn: n tasks started with Task.Run that each count a countdown down; wait for the last.
internal static class Spawn
{
    public static async Task Run(int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var wg = new Countdown(n);
        for (int i = 0; i < n; i++)
        {
            _ = Task.Run(wg.Done);
        }

        await wg.WaitAsync();
        double ms = Program.Ms(t0);
        Console.WriteLine($"spawn lang=dotnet n={n} ms={ms:F1} ns_per_spawn={ms * 1e6 / Math.Max(n, 1):F0}");
    }
}
