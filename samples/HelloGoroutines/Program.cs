using System.Diagnostics;
using GoSharp;
using GoSharp.CompilerServices;
using static GoSharp.Go;

// 100,000 goroutines each "fetch" for 500 ms by awaiting an asynchronous operation. They park
// while they wait, so the whole run takes about half a second on a handful of threads.
const int n = 100_000;
var clock = Stopwatch.StartNew();
int results = Go.Run(() => Fetcher.FetchAll(n));
SchedulerStats stats = Go.ReadSchedulerStats();
Console.WriteLine($"{results} results in {clock.ElapsedMilliseconds} ms on {stats.Threads} scheduler threads (GOMAXPROCS={stats.MaxProcs})");

internal static class Fetcher
{
    public static async GoTask<int> FetchAll(int n)
    {
        int done = 0;
        var all = new TaskCompletionSource();
        for (int i = 0; i < n; i++)
        {
            go(async () =>
            {
                await AwaitAsync(Task.Delay(500)); // parks the goroutine; no thread waits
                if (Interlocked.Increment(ref done) == n)
                {
                    all.SetResult();
                }
            });
        }

        await AwaitAsync(all.Task);
        return done;
    }
}
