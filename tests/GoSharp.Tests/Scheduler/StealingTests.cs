using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class StealingTests
{
    private static int s_sink;

    private static async GoTask Busy(HashSet<int> threads, CountdownEvent done, GoroutineEntry entry = default)
    {
        await entry;
        lock (threads)
        {
            threads.Add(Environment.CurrentManagedThreadId);
        }

        // Enough work that the spawner's P cannot drain its queue before the idle P looks.
        int x = 0;
        for (int i = 0; i < 200_000; i++)
        {
            x += i ^ (x << 1);
        }

        Interlocked.Add(ref s_sink, x);
        done.Signal();
    }

    [Fact]
    public void An_idle_P_steals_from_the_P_that_spawned_all_the_work()
    {
        using var _ = MaxProcs.Set(2);
        const int n = 200; // fits in one P's local queue, so the other P can only get work by stealing
        var threads = new HashSet<int>();
        using var done = new CountdownEvent(n);
        long stealsBefore = Go.ReadSchedulerStats().Steals;

        Deadline.Run(() => Go.Run(async () =>
        {
            // All goroutines go to this goroutine's P; nothing is spawned anywhere else.
            for (int i = 0; i < n; i++)
            {
                Goroutines.Spawn(Busy(threads, done, GoroutineEntry.Spawn));
            }

            await Go.AwaitAsync(Task.Run(() => done.Wait()));
        }));

        Assert.True(Go.ReadSchedulerStats().Steals > stealsBefore, "no steal recorded");
        Assert.True(threads.Count >= 2, $"all work ran on {threads.Count} thread(s)");
    }
}
