using System.Diagnostics;
using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Time;

/// <summary>
/// Timers never fire early, so lower bounds on elapsed time are exact; upper bounds are loose
/// because a loaded machine may run them late.
/// </summary>
public class TimerTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(30);

    [Fact]
    public void A_hundred_thousand_goroutines_sleeping_half_a_second_finish_together_on_few_threads()
    {
        using var _ = MaxProcs.Set(2);
        const int n = 100_000;
        int done = 0;
        int maxThreads = 0;
        var clock = Stopwatch.StartNew();
        Deadline.Run(() => Go.Run(async () =>
        {
            for (int i = 0; i < n; i++)
            {
                go(async () =>
                {
                    await SleepAsync(TimeSpan.FromMilliseconds(500));
                    Interlocked.Increment(ref done);
                });
            }

            while (Volatile.Read(ref done) < n)
            {
                SchedulerStats stats = ReadSchedulerStats();
                maxThreads = Math.Max(maxThreads, stats.Threads - stats.IdleThreads); // busy threads
                await SleepAsync(TimeSpan.FromMilliseconds(20));
            }
        }));

        Assert.Equal(n, done);
        // Never early; and the sleeps overlapped: one after another they would take 50,000 s,
        // far past Deadline.Run's bound (no tighter wall-clock bound holds on a loaded machine).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500));
        // A few more than GOMAXPROCS: sysmon adds a thread when a loaded machine deschedules one
        // for 20 ms. A thread per sleeper would be 100,000.
        Assert.True(maxThreads <= 16, $"{maxThreads} busy scheduler threads for {n} sleepers");
    }

    [Fact]
    public void Sleep_never_returns_early_in_either_form()
    {
        var clock = Stopwatch.StartNew();
        Go.Run(async () => await SleepAsync(Short));
        Assert.True(clock.Elapsed >= Short);
        clock.Restart();
        Sleep(Short);
        Assert.True(clock.Elapsed >= Short);
        clock.Restart();
        Go.Run(async () => await SleepAsync(TimeSpan.FromMilliseconds(-5)));
        Sleep(TimeSpan.Zero);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void After_sends_the_time_once()
    {
        var clock = Stopwatch.StartNew();
        DateTime before = DateTime.UtcNow;
        var c = After(Short);
        DateTime fired = c.Receive();
        Assert.True(clock.Elapsed >= Short);
        Assert.True(fired >= before);
        Assert.False(c.TryReceive(out DateTime _));
    }

    [Fact]
    public void A_stopped_timer_never_delivers()
    {
        Timer t = NewTimer(Short);
        Assert.True(t.Stop());
        Assert.False(t.Stop());
        After(Short * 3).Receive(); // well past when it would have fired
        Assert.False(t.C.TryReceive(out DateTime _));
    }

    [Fact]
    public void Stop_after_firing_returns_false_and_discards_the_unreceived_value()
    {
        Timer t = NewTimer(TimeSpan.FromMilliseconds(1));
        Assert.True(Deadline.WaitUntil(() => t.C.Len == 1));
        Assert.False(t.Stop());
        Assert.False(t.C.TryReceive(out DateTime _)); // Go 1.23: no stale value after Stop
    }

    [Fact]
    public void Reset_postpones_the_timer_and_reports_whether_it_was_active()
    {
        Timer t = NewTimer(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        Assert.True(t.Reset(Short));
        t.C.Receive();
        Assert.True(clock.Elapsed >= Short);
        Assert.False(t.Reset(Short)); // had fired
        t.C.Receive();
        Assert.True(clock.Elapsed >= 2 * Short);
    }

    [Fact]
    public void A_ticker_ticks_every_period_until_stopped()
    {
        var clock = Stopwatch.StartNew();
        Ticker ticker = NewTicker(TimeSpan.FromMilliseconds(10));
        for (int i = 0; i < 5; i++)
        {
            ticker.C.Receive();
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(50));
        ticker.Stop();
        Assert.False(ticker.C.TryReceive(out DateTime _));
        After(TimeSpan.FromMilliseconds(40)).Receive();
        Assert.False(ticker.C.TryReceive(out DateTime _));

        ticker.Reset(TimeSpan.FromMilliseconds(5));
        ticker.C.Receive();
        ticker.Stop();
        Assert.Throws<ArgumentOutOfRangeException>(() => NewTicker(TimeSpan.Zero));
        Assert.True(Tick(TimeSpan.Zero).IsNil);
    }

    [Fact]
    public void AfterFunc_runs_the_function_in_a_goroutine_unless_stopped()
    {
        var ran = new Chan<bool>(1);
        AfterFunc(TimeSpan.FromMilliseconds(5), () => ran.Send(true));
        Assert.True(ran.Receive());

        int stoppedRan = 0;
        Timer stopped = AfterFunc(Short, () => Interlocked.Increment(ref stoppedRan));
        Assert.True(stopped.C.IsNil);
        Assert.True(stopped.Stop());
        After(Short * 3).Receive();
        Assert.Equal(0, stoppedRan);
    }

    [Fact]
    public void Timers_wake_select_and_time_out_a_goroutine_waiting_on_nothing()
    {
        int index = Go.Run(async () =>
        {
            var never = new Chan<int>();
            return (await SelectAsync(never.OnReceive(), After(Short).OnReceive())).Index;
        });
        Assert.Equal(1, index);
    }

    [Fact]
    public void Defer_runs_at_scope_exit_even_when_throwing()
    {
        var log = new List<string>();
        void Body()
        {
            using var _ = Defer(() => log.Add("deferred"));
            log.Add("body");
            throw new InvalidOperationException();
        }

        Assert.Throws<InvalidOperationException>(Body);
        Assert.Equal(new[] { "body", "deferred" }, log);
    }
}
