namespace GoSharp.Testing.Tests;

/// <summary>
/// One goroutine of a bubble runs at a time, so sysmon watches bubbles for goroutines that keep
/// the baton: blocked in foreign code, or busy, or waiting for a Task that needs bubble time.
/// </summary>
public partial class WatchdogTests
{
    /// <summary>
    /// A holds a .NET lock while it waits on a bubble channel; the root then blocks in that lock
    /// (outside GoSharp) while C, the only goroutine that can release A, waits to run.
    /// </summary>
    private static void LockedOut()
    {
        var gate = new object();
        var ch = new Chan<int>();
        go(() =>
        {
            lock (gate)
            {
                ch.Receive();
            }
        });
        SyncTest.Wait(); // A holds the lock, blocked in the receive
        go(() => ch.Send(1));
        lock (gate) // the root blocks its thread in Monitor.Enter, with C runnable
        {
        }
    }

    [Fact]
    public void A_goroutine_blocked_in_foreign_code_is_detached_so_the_others_run() => SyncTest.Run(LockedOut);

    [Fact]
    public void Under_a_seed_a_goroutine_blocked_in_foreign_code_fails_the_run()
    {
        var e = Assert.Throws<NondeterminismException>(() => SyncTest.Run(LockedOut, seed: 1));
        Assert.Contains("blocked its thread outside GoSharp", e.Cause);
    }

    [Fact]
    public void A_busy_goroutine_is_preempted_so_the_others_run() =>
        Assert.True(SyncTest.Run(() => SpinUntilSet(new Flag())));

    private sealed class Flag
    {
        public volatile bool Set;
    }

    [Goroutine]
    private static bool SpinUntilSet(Flag flag)
    {
        go(() => Raise(flag));
        long spins = 0;
        while (!flag.Set)
        {
            spins++; // no park in the loop: only preemption lets Raise run
        }

        return spins > 0 || flag.Set;
    }

    [Goroutine]
    private static void Raise(Flag flag) => flag.Set = true;

    [Fact]
    public void A_busy_plain_delegate_is_detached_so_the_others_run() =>
        SyncTest.Run(() =>
        {
            var flag = new Flag();
            go(() => flag.Set = true);
            while (!flag.Set)
            {
                // A plain delegate has no checkpoint to yield at.
            }
        });

    [Fact]
    public void Under_a_seed_a_busy_loop_fails_with_an_explanation_instead_of_hanging()
    {
        using var _ = ShortStalls();
        var e = Assert.Throws<InvalidOperationException>(() => SyncTest.Run(() => SpinUntilSet(new Flag()), seed: 3));
        Assert.Contains("without parking", e.Message);
        Assert.Contains("seed 3", e.Message);
    }

    [Fact]
    public void Awaiting_a_task_that_needs_bubble_time_fails_with_an_explanation_instead_of_hanging()
    {
        using var _ = ShortStalls();
        var e = Assert.Throws<InvalidOperationException>(() => SyncTest.Run(() =>
            Await(Task.Delay(TimeSpan.FromHours(1), SyncTest.TimeProvider))));
        Assert.Contains("SyncTest.Await", e.Message);
    }

    [Fact]
    public void SyncTest_Await_waits_durably_for_a_task_the_bubble_completes() =>
        SyncTest.Run(() =>
        {
            DateTime start = SyncTest.Now;
            SyncTest.Await(Task.Delay(TimeSpan.FromHours(1), SyncTest.TimeProvider));
            Assert.Equal(start.AddHours(1), SyncTest.Now);
            Assert.Equal(42, SyncTest.Await(AnswerLater(SyncTest.TimeProvider)));
            Assert.Equal(start.AddHours(1).AddMinutes(5), SyncTest.Now);
        });

    [Fact]
    public async Task SyncTest_Await_parks_in_goroutine_code_and_rethrows_the_tasks_exception()
    {
        int answer = SyncTest.Run(async () => await SyncTest.AwaitAsync(AnswerLater(SyncTest.TimeProvider)));
        Assert.Equal(42, answer);
        var e = Assert.Throws<TimeoutException>(() => SyncTest.Run(() => SyncTest.Await(FailLater(SyncTest.TimeProvider))));
        Assert.Equal("late", e.Message);
        await Task.CompletedTask;
    }

    [Fact]
    public void SyncTest_Await_of_a_task_nothing_completes_is_a_deadlock()
    {
        var never = new TaskCompletionSource();
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() => SyncTest.Await(never.Task)));
        Assert.StartsWith("deadlock: all goroutines in bubble are blocked", e.Message);
    }

    private static async Task<int> AnswerLater(TimeProvider time)
    {
        await Task.Delay(TimeSpan.FromMinutes(5), time);
        return 42;
    }

    private static async Task FailLater(TimeProvider time)
    {
        await Task.Delay(TimeSpan.FromMinutes(5), time);
        throw new TimeoutException("late");
    }

    private static IDisposable ShortStalls()
    {
        long saved = Bubble.stallNs;
        Bubble.stallNs = 300_000_000;
        return new Restore(() => Bubble.stallNs = saved);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
