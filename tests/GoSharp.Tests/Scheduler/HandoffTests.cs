using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class HandoffTests
{
    [Fact]
    public void A_goroutine_blocking_its_thread_does_not_stop_the_others_on_one_P()
    {
        using var _ = MaxProcs.Set(1);
        var release = new ManualResetEventSlim();
        var blockerDone = new ManualResetEventSlim();
        const int n = 100;
        int others = 0;
        bool othersFinishedWhileBlocked = false;
        long handoffsBefore = Go.ReadSchedulerStats().Handoffs;

        Deadline.Run(() => Go.Run(() =>
        {
            Go.go(() =>
            {
                // Plain thread-blocking code: nothing the scheduler can park.
                Thread.Sleep(100);
                release.Wait(Deadline.Scenario);
                blockerDone.Set();
            });
            Thread.Sleep(50); // the blocker is running on the only P by now

            for (int i = 0; i < n; i++)
            {
                Go.go(() => Interlocked.Increment(ref others));
            }

            othersFinishedWhileBlocked = Deadline.WaitUntil(() => Volatile.Read(ref others) == n, TimeSpan.FromSeconds(20));
            release.Set();
            blockerDone.Wait(Deadline.Scenario);
        }));

        Assert.True(othersFinishedWhileBlocked, $"only {others} of {n} goroutines ran while one blocked its thread");
        Assert.True(Go.ReadSchedulerStats().Handoffs > handoffsBefore);
    }

    [Fact]
    public void A_goroutine_spinning_without_checkpoints_does_not_stop_the_others_on_one_P()
    {
        using var _ = MaxProcs.Set(1);
        int stop = 0;
        int ticks = 0;
        Deadline.Run(() => Go.Run(() =>
        {
            Go.go(() =>
            {
                // A delegate goroutine: no checkpoints at all. sysmon must notice it never
                // comes back and let another thread run the other goroutines.
                while (Volatile.Read(ref stop) == 0)
                {
                    Thread.SpinWait(100);
                }
            });
            Thread.Sleep(50);
            Go.go(() =>
            {
                Interlocked.Increment(ref ticks);
                Volatile.Write(ref stop, 1);
            });
            Deadline.WaitUntil(() => Volatile.Read(ref stop) == 1);
        }));

        Assert.Equal(1, ticks);
    }
}
