using System.Diagnostics;

namespace GoSharp.Testing.Tests;

/// <summary>
/// Ordinary .NET code under test runs on the bubble's clock through <see cref="SyncTest.TimeProvider"/>,
/// and its awaits resume inside the bubble.
/// </summary>
public class TimeProviderTests
{
    /// <summary>Code under test as .NET code is written: a refresh loop on a PeriodicTimer.</summary>
    private sealed class Refresher(TimeProvider time)
    {
        public int Refreshes;

        public async Task RunAsync(CancellationToken cancel)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
            while (await timer.WaitForNextTickAsync(cancel))
            {
                Refreshes++;
            }
        }
    }

    [Fact]
    public void Task_Delay_on_the_bubbles_time_provider_completes_at_the_exact_bubble_instant() =>
        SyncTest.Run(() =>
        {
            Task delay = Task.Delay(TimeSpan.FromHours(1), SyncTest.TimeProvider);
            SyncTest.Sleep(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
            Assert.False(delay.IsCompleted);
            SyncTest.Sleep(TimeSpan.FromTicks(1));
            Assert.True(delay.IsCompletedSuccessfully);
        });

    [Fact]
    public void A_PeriodicTimer_loop_of_an_hour_runs_in_bubble_time_and_stops_on_cancellation()
    {
        var clock = Stopwatch.StartNew();
        SyncTest.Run(() =>
        {
            var refresher = new Refresher(SyncTest.TimeProvider);
            using var cancel = new CancellationTokenSource();
            Task loop = refresher.RunAsync(cancel.Token);
            SyncTest.Sleep(TimeSpan.FromHours(1));
            Assert.Equal(60, refresher.Refreshes);
            cancel.Cancel();
            SyncTest.Wait();
            Assert.True(loop.IsCanceled);
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalMilliseconds:0} ms"); // generous for a loaded CI machine
    }

    [Fact]
    public void A_cancellation_source_with_a_timeout_cancels_at_the_bubble_instant() =>
        SyncTest.Run(() =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), SyncTest.TimeProvider);
            SyncTest.Sleep(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
            Assert.False(timeout.IsCancellationRequested);
            SyncTest.Sleep(TimeSpan.FromTicks(1));
            Assert.True(timeout.IsCancellationRequested);
        });

    [Fact]
    public void The_time_provider_reads_the_bubble_clock() =>
        SyncTest.Run(() =>
        {
            TimeProvider time = SyncTest.TimeProvider;
            long start = time.GetTimestamp();
            Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), time.GetUtcNow());
            Sleep(TimeSpan.FromMinutes(3));
            Assert.Equal(TimeSpan.FromMinutes(3), time.GetElapsedTime(start));
            Assert.Equal(SyncTest.Now, time.GetUtcNow().UtcDateTime);
        });

    [Fact]
    public void A_periodic_provider_timer_ticks_in_goroutines_of_the_bubble() =>
        SyncTest.Run(() =>
        {
            var ticks = new Chan<DateTime>(16);
            using ITimer timer = SyncTest.TimeProvider.CreateTimer(_ => ticks.Send(SyncTest.Now), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            SyncTest.Sleep(TimeSpan.FromSeconds(6));
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            SyncTest.Sleep(TimeSpan.FromSeconds(10));
            var at = new List<TimeSpan>();
            while (ticks.TryReceive(out DateTime t))
            {
                at.Add(t - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            }

            Assert.Equal(new[] { 1, 3, 5 }.Select(s => TimeSpan.FromSeconds(s)), at);
        });

    private static async Task<bool> InBubbleAfterAwait()
    {
        await Task.Yield();
        return SyncTest.IsInBubble;
    }

    [Fact]
    public void Awaits_in_async_code_called_from_a_bubble_resume_in_the_bubble() =>
        SyncTest.Run(() =>
        {
            Task<bool> resumed = InBubbleAfterAwait();
            SyncTest.Wait(); // the continuation is a goroutine of the bubble: Wait waits for it
            Assert.True(resumed.IsCompleted);
            Assert.True(resumed.Result);
            Assert.False(Await(Task.Run(() => SyncTest.IsInBubble))); // Task.Run leaves the bubble
        });

    /// <summary>Library code as it is written: ConfigureAwait(false) on every await.</summary>
    private static async Task<bool> StaysInTheBubble(TimeProvider time)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), time).ConfigureAwait(false);
        bool inBubble = SyncTest.IsInBubble;
        await Task.Delay(TimeSpan.FromSeconds(1), time).ConfigureAwait(false); // makes a timer: only the bubble may
        return inBubble && SyncTest.IsInBubble;
    }

    [Fact]
    public void Library_code_awaiting_the_bubbles_timers_with_ConfigureAwait_false_stays_in_the_bubble() =>
        SyncTest.Run(() =>
        {
            DateTime start = SyncTest.Now;
            Assert.True(SyncTest.Await(StaysInTheBubble(SyncTest.TimeProvider)));
            Assert.Equal(start.AddSeconds(2), SyncTest.Now);
        });

    [Fact]
    public void The_time_provider_refuses_to_make_timers_for_code_outside_its_bubble()
    {
        TimeProvider time = SyncTest.Run(() => SyncTest.TimeProvider);
        var e = Assert.Throws<InvalidOperationException>(() => time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        Assert.Contains("SyncTest.TimeProvider.CreateTimer", e.Message);
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), time.GetUtcNow()); // reading is harmless
    }
}
