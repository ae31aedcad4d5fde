using GoSharp.CompilerServices;

namespace GoSharp.Testing.Tests;

/// <summary>
/// The runtime side of <c>SyncTest.Run(() =&gt; F(args))</c> with a <c>[Goroutine]</c> F: the
/// bubble's root is F's twin (which parks) instead of a thread-bound delegate. The calls here are
/// the ones the generator's interceptor makes: F's twin created with GoroutineEntry.Spawn, the
/// arguments evaluated before the bubble starts, handed to Goroutines.RunBubble.
/// </summary>
public partial class TwinRootTests
{
    [Goroutine]
    private static TimeSpan SleepThenMeasure(TimeSpan d)
    {
        DateTime start = SyncTest.Now;
        var done = new Chan<bool>();
        go(() =>
        {
            Sleep(d);
            done.Close();
        });
        done.Receive();
        Assert.True(SyncTest.IsInBubble);
        return SyncTest.Now - start;
    }

    [Fact]
    public void A_twin_runs_as_the_root_of_a_bubble_on_its_clock_and_returns_its_result()
    {
        TimeSpan slept = Goroutines.RunBubble(SleepThenMeasure__Goroutine(GoroutineEntry.Spawn, TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromHours(3), slept);
    }

    [Goroutine]
    private static void RecordSeed(List<long> seeds) => seeds.Add(SyncTest.Seed);

    [Fact]
    public void A_twin_root_takes_the_seed()
    {
        var seeds = new List<long>();
        Goroutines.RunBubble(RecordSeed__Goroutine(GoroutineEntry.Spawn, seeds), seed: 77);
        Assert.Equal([77L], seeds);
    }

    [Goroutine]
    private static void LeaveABlockedGoroutine()
    {
        var never = new Chan<int>();
        go(() => never.Receive());
    }

    [Fact]
    public void A_twin_root_fails_the_bubble_the_same_ways()
    {
        var e = Assert.Throws<DeadlockException>(() => Goroutines.RunBubble(LeaveABlockedGoroutine__Goroutine(GoroutineEntry.Spawn)));
        Assert.Contains("chan receive", e.Message);
    }

    [Goroutine]
    private static void Throw(string message) => throw new InvalidOperationException(message);

    [Fact]
    public void A_twin_roots_exception_is_rethrown()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Goroutines.RunBubble(Throw__Goroutine(GoroutineEntry.Spawn, "from the twin")));
        Assert.Equal("from the twin", e.Message);
    }

    [Fact]
    public void A_GoTask_that_is_not_a_spawned_twin_is_refused_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Goroutines.RunBubble(default(GoTask)));
        Assert.Contains("GoroutineEntry.Spawn", e.Message);
    }

    [Fact]
    public void Exploring_twin_roots_finds_the_planted_race_with_a_fresh_twin_each_run_and_the_seed_replays_it()
    {
        // The planted check-then-act race of DeterminismTests, its twin as the root.
        int created = 0;
        var e = Assert.Throws<InterleavingFailedException>(() => Goroutines.ExploreBubbles(() =>
        {
            created++;
            return DeterminismTests.Bank__Goroutine(GoroutineEntry.Spawn);
        }, runs: 100));
        Assert.True(e.Replayed);
        Assert.Equal(e.Seed + 1, created); // one twin per run, and one for the replay
        Assert.Contains("overdrawn: balance -40", e.InnerException!.Message);
        var again = Assert.ThrowsAny<Exception>(() => Goroutines.RunBubble(DeterminismTests.Bank__Goroutine(GoroutineEntry.Spawn), e.Seed));
        Assert.Contains("overdrawn: balance -40", again.Message);
    }

    [Goroutine]
    private static int Answer() => 42;

    [Fact]
    public void Exploring_twin_roots_that_return_a_value_runs_each_seed()
    {
        int created = 0;
        Goroutines.ExploreBubbles(() =>
        {
            created++;
            return Answer__Goroutine(GoroutineEntry.Spawn);
        }, runs: 5);
        Assert.Equal(5, created);
    }
}
