using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class SpawnTests
{
    private const int Million = 1_000_000;

    private sealed class Tally
    {
        public readonly byte[] Runs = new byte[Million];
        public int Spawned;
        public int Finished;
        public int RanBeforeSpawned;
    }

    private static async GoTask Worker(Tally tally, int index, GoroutineEntry entry = default)
    {
        await entry;
        if (index >= Volatile.Read(ref tally.Spawned))
        {
            Interlocked.Increment(ref tally.RanBeforeSpawned);
        }

        tally.Runs[index]++;
        Interlocked.Increment(ref tally.Finished);
    }

    private static async GoTask SpawnAll(Tally tally)
    {
        for (int i = 0; i < Million; i++)
        {
            Volatile.Write(ref tally.Spawned, i + 1);
            Goroutines.Spawn(Worker(tally, i, GoroutineEntry.Spawn));
            await Preemption.Checkpoint();
        }

        while (Volatile.Read(ref tally.Finished) < Million)
        {
            await Go.GoschedAsync();
        }
    }

    [Fact]
    public void A_million_goroutines_spawned_from_one_goroutine_all_run_exactly_once()
    {
        var tally = new Tally();
        int before = Go.NumGoroutine();
        Deadline.Run(() => Go.Run(() => SpawnAll(tally)));

        Assert.Equal(Million, tally.Finished);
        Assert.Equal(0, tally.RanBeforeSpawned);
        Assert.All(tally.Runs, r => Assert.Equal(1, r));
        Assert.True(Deadline.WaitUntil(() => Go.NumGoroutine() <= before), $"{Go.NumGoroutine() - before} goroutines left");
    }

    [Fact]
    public void Delegate_goroutines_run_and_their_arguments_are_captured_when_spawned()
    {
        const int n = 10_000;
        var seen = new int[n];
        int done = 0;
        Deadline.Run(() => Go.Run(() =>
        {
            for (int i = 0; i < n; i++)
            {
                int k = i;
                Go.go(() =>
                {
                    Interlocked.Increment(ref seen[k]);
                    Interlocked.Increment(ref done);
                });
            }

            while (Volatile.Read(ref done) < n)
            {
                Thread.Yield();
            }
        }));

        Assert.All(seen, s => Assert.Equal(1, s));
    }

    [Fact]
    public async Task Numgoroutine_counts_parked_goroutines_until_they_exit()
    {
        const int n = 1000;
        int before = Go.NumGoroutine(); // other tests leave goroutines parked on nil channels
        var release = new TaskCompletionSource();
        int started = 0;
        Task runner = Go.RunAsync(async () =>
        {
            for (int i = 0; i < n; i++)
            {
                Go.go(async () =>
                {
                    Interlocked.Increment(ref started);
                    await Go.AwaitAsync(release.Task);
                });
            }

            await Go.AwaitAsync(release.Task);
        });

        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref started) == n));
        Assert.True(Go.NumGoroutine() >= before + n + 1, $"NumGoroutine = {Go.NumGoroutine()}, {before} before");
        release.SetResult();
        await runner.WaitAsync(Deadline.Scenario);
        Assert.True(Deadline.WaitUntil(() => Go.NumGoroutine() <= before), $"{Go.NumGoroutine() - before} goroutines left");
    }
}
