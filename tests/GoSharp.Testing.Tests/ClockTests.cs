using System.Diagnostics;

namespace GoSharp.Testing.Tests;

/// <summary>
/// The bubble's fake clock, with Go's own tests of it (golang/go src/internal/synctest) ported
/// line by line: time starts at 2000-01-01, moves only when every goroutine is durably blocked,
/// and jumps straight to the next timer.
/// </summary>
public partial class ClockTests
{
    private static readonly DateTime Start = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Go: TestNow.
    [Fact]
    public void Time_starts_at_midnight_2000_and_advances_after_a_sleep()
    {
        var seen = SyncTest.Run(() => Now());
        Assert.Equal(Start, seen.AtStart);
        Assert.Equal(Start, seen.InGoroutine);
        Assert.Equal(Start.AddSeconds(1), seen.AfterSleep);
    }

    [Goroutine]
    private static (DateTime AtStart, DateTime InGoroutine, DateTime AfterSleep) Now()
    {
        DateTime atStart = SyncTest.Now;
        var inGoroutine = new Chan<DateTime>(1);
        go(() => inGoroutine.Send(SyncTest.Now)); // new goroutines see the same fake clock
        Sleep(TimeSpan.FromSeconds(1));
        return (atStart, inGoroutine.Receive(), SyncTest.Now);
    }

    [Fact]
    public void An_hour_of_timers_fires_in_order_at_exact_instants_in_well_under_a_second()
    {
        var clock = Stopwatch.StartNew();
        List<(int Id, TimeSpan At)> fired = SyncTest.Run(() => HourOfTimers());
        clock.Stop();

        // Every second of an hour a ticker ticks; timers at odd instants are interleaved with it.
        var expected = Enumerable.Range(1, 3600).Select(s => (Id: 0, At: TimeSpan.FromSeconds(s)))
            .Concat(new[] { (Id: 1, At: TimeSpan.FromMilliseconds(1500)), (Id: 2, At: TimeSpan.FromMinutes(30) + TimeSpan.FromTicks(1)), (Id: 3, At: TimeSpan.FromMinutes(59) + TimeSpan.FromMilliseconds(250)) })
            .OrderBy(e => e.At).ToList();
        Assert.Equal(expected, fired);

        // Virtual time: the hour passes as fast as the scheduler can go. The bound is generous
        // for a loaded 2-core CI machine (well under a second on an idle one).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"an hour of bubble time took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Goroutine]
    private static List<(int Id, TimeSpan At)> HourOfTimers()
    {
        DateTime start = SyncTest.Now;
        var events = new Chan<(int, TimeSpan)>(16);
        var done = new WaitGroup();
        var stop = new Chan<bool>();
        done.Add(1);
        go(() => Ticks(events, stop, done, start));
        TimeSpan[] odd = { TimeSpan.FromMilliseconds(1500), TimeSpan.FromMinutes(30) + TimeSpan.FromTicks(1), TimeSpan.FromMinutes(59) + TimeSpan.FromMilliseconds(250) };
        for (int i = 0; i < odd.Length; i++)
        {
            int id = i + 1;
            TimeSpan at = odd[i];
            done.Add(1);
            go(() => OneTimer(events, id, at, done, start));
        }

        go(() => CloseWhenDone(done, events));
        go(() => StopAfterAnHour(stop));
        var fired = new List<(int, TimeSpan)>();
        foreach (var e in events)
        {
            fired.Add(e);
        }

        return fired;
    }

    [Goroutine]
    private static void Ticks(Chan<(int, TimeSpan)> events, Chan<bool> stop, WaitGroup done, DateTime start)
    {
        using var _ = Defer(done.Done);
        Ticker ticker = NewTicker(TimeSpan.FromSeconds(1));
        while (true)
        {
            switch (Select(ticker.C.OnReceive(out var tick), stop.OnReceive()))
            {
                case 0:
                    events.Send((0, tick.Value - start));
                    Assert.Equal(tick.Value, SyncTest.Now); // the tick carries the instant it fired at
                    break;
                default:
                    ticker.Stop();
                    return;
            }
        }
    }

    [Goroutine]
    private static void OneTimer(Chan<(int, TimeSpan)> events, int id, TimeSpan at, WaitGroup done, DateTime start)
    {
        using var _ = Defer(done.Done);
        DateTime fired = NewTimer(at).C.Receive();
        events.Send((id, fired - start));
    }

    [Goroutine]
    private static void StopAfterAnHour(Chan<bool> stop)
    {
        Sleep(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(500));
        stop.Close();
    }

    [Goroutine]
    private static void CloseWhenDone(WaitGroup done, Chan<(int, TimeSpan)> events)
    {
        done.Wait();
        events.Close();
    }

    // Go: TestTimerReadBeforeDeadline.
    [Fact]
    public void A_timer_read_before_its_deadline_fires_exactly_then() =>
        Assert.Equal(TimeSpan.FromSeconds(5), SyncTest.Run(() =>
        {
            DateTime start = SyncTest.Now;
            Timer tm = NewTimer(TimeSpan.FromSeconds(5));
            tm.C.Receive();
            return SyncTest.Now - start;
        }));

    // Go: TestTimerReadAfterDeadline.
    [Fact]
    public void A_timer_read_after_its_deadline_carries_the_instant_it_fired() =>
        SyncTest.Run(() =>
        {
            TimeSpan delay = TimeSpan.FromSeconds(1);
            DateTime want = SyncTest.Now + delay;
            Timer tm = NewTimer(delay);
            Sleep(2 * delay);
            Assert.Equal(want, tm.C.Receive());
        });

    // Go: TestTimerReset.
    [Fact]
    public void Reset_rearms_a_timer_from_the_current_bubble_time() =>
        SyncTest.Run(() =>
        {
            DateTime start = SyncTest.Now;
            Timer tm = NewTimer(TimeSpan.FromSeconds(1));
            Assert.Equal(start.AddSeconds(1), tm.C.Receive());

            tm.Reset(TimeSpan.FromSeconds(2));
            Assert.Equal(start.AddSeconds(1 + 2), tm.C.Receive());

            tm.Reset(TimeSpan.FromSeconds(3));
            Sleep(TimeSpan.FromSeconds(1));
            tm.Reset(TimeSpan.FromSeconds(3));
            Assert.Equal(start.AddSeconds(1 + 2 + 4), tm.C.Receive());
        });

    // Go: TestTimeAfter.
    [Fact]
    public void AfterFunc_goroutines_and_their_children_stay_in_the_bubble()
    {
        int i = SyncTest.Run(() =>
        {
            int i = 0;
            AfterFunc(TimeSpan.FromSeconds(1), () =>
            {
                Interlocked.Increment(ref i); // 1
                go(() =>
                {
                    Sleep(TimeSpan.FromSeconds(1));
                    Interlocked.Increment(ref i); // 2
                });
            });
            Sleep(TimeSpan.FromSeconds(3));
            SyncTest.Wait();
            return i;
        });
        Assert.Equal(2, i);
    }

    // Go: TestTimerAfterBubbleExit.
    [Fact]
    public void A_timer_left_when_the_bubble_ends_never_fires()
    {
        bool run = false;
        SyncTest.Run(() => { AfterFunc(TimeSpan.FromSeconds(1), () => run = true); });
        Assert.False(run);
    }

    // Go: TestTimerRunsImmediately.
    [Fact]
    public void A_zero_duration_timer_is_readable_at_once() =>
        SyncTest.Run(() =>
        {
            DateTime start = SyncTest.Now;
            Timer tm = NewTimer(TimeSpan.Zero);
            Assert.True(tm.C.TryReceive(out DateTime got), "0-duration timer channel is not readable; want it to be");
            Assert.Equal(start, got);
        });

    // Go: TestTimerRanInPast.
    [Fact]
    public void A_timer_that_fired_while_nobody_read_it_is_ready_with_its_instant() =>
        SyncTest.Run(() =>
        {
            TimeSpan delay = TimeSpan.FromSeconds(1);
            DateTime want = SyncTest.Now + delay;
            Timer tm = NewTimer(delay);
            Sleep(2 * delay);
            Assert.True(tm.C.TryReceive(out DateTime got));
            Assert.Equal(want, got);
        });

    // Go: TestAfterFuncRunsImmediately.
    [Fact]
    public void A_zero_duration_AfterFunc_runs_without_waiting_for_the_bubble_to_block() =>
        SyncTest.Run(() =>
        {
            int ran = 0;
            AfterFunc(TimeSpan.Zero, () => Volatile.Write(ref ran, 1));
            while (Volatile.Read(ref ran) == 0)
            {
                Gosched();
            }
        });

    // Go: TestTimerNondeterminism.
    [Fact]
    public void Timers_due_at_the_same_instant_do_not_always_fire_in_the_same_order() =>
        SyncTest.Run(() =>
        {
            bool seen1 = false, seen2 = false;
            for (int i = 0; i < 1000 && !(seen1 && seen2); i++)
            {
                Timer tm1 = NewTimer(TimeSpan.FromTicks(1));
                Timer tm2 = NewTimer(TimeSpan.FromTicks(1));
                switch (Select(tm1.C.OnReceive(), tm2.C.OnReceive()))
                {
                    case 0: seen1 = true; break;
                    default: seen2 = true; break;
                }

                SyncTest.Wait();
            }

            Assert.True(seen1 && seen2, $"seen timer1: {seen1}, timer2: {seen2}; want both");
        });

    // Go: TestSleepNondeterminism.
    [Fact]
    public void Goroutines_sleeping_to_the_same_instant_do_not_always_wake_in_the_same_order() =>
        SyncTest.Run(() =>
        {
            bool seen1 = false, seen2 = false;
            for (int i = 0; i < 1000 && !(seen1 && seen2); i++)
            {
                int first = 0;
                go(() => { Sleep(TimeSpan.FromTicks(1)); Interlocked.CompareExchange(ref first, 1, 0); });
                go(() => { Sleep(TimeSpan.FromTicks(1)); Interlocked.CompareExchange(ref first, 2, 0); });
                Sleep(TimeSpan.FromTicks(1));
                SyncTest.Wait();
                switch (first)
                {
                    case 1: seen1 = true; break;
                    case 2: seen2 = true; break;
                    default: Assert.Fail($"first = {first}, want 1 or 2"); break;
                }
            }

            Assert.True(seen1 && seen2, $"seen goroutine 1: {seen1}, 2: {seen2}; want both");
        });

    // Go: TestIteratorPush (an iterator that sleeps between values, ranged over in a goroutine).
    [Fact]
    public void A_goroutine_consuming_a_sleeping_sequence_sees_one_value_per_second()
    {
        var (got, want) = SyncTest.Run(() =>
        {
            static IEnumerable<DateTime> Seq()
            {
                while (true)
                {
                    yield return SyncTest.Now;
                    Sleep(TimeSpan.FromSeconds(1));
                }
            }

            var got = new List<DateTime>();
            go(() =>
            {
                foreach (DateTime now in Seq())
                {
                    got.Add(now);
                    if (got.Count >= 3)
                    {
                        break;
                    }
                }
            });
            var want = new List<DateTime> { SyncTest.Now, SyncTest.Now.AddSeconds(1), SyncTest.Now.AddSeconds(2) };
            Sleep(TimeSpan.FromSeconds(5));
            SyncTest.Wait();
            return (got, want);
        });
        Assert.Equal(want, got);
    }

    [Fact]
    public void A_ticker_that_would_take_an_hour_of_real_time_ticks_3600_times()
    {
        var clock = Stopwatch.StartNew();
        int ticks = SyncTest.Run(() => CountTicks(TimeSpan.FromHours(1)));
        Assert.Equal(3600, ticks);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Goroutine]
    private static int CountTicks(TimeSpan span)
    {
        Ticker ticker = NewTicker(TimeSpan.FromSeconds(1));
        ReceiveOnlyChan<DateTime> end = After(span + TimeSpan.FromMilliseconds(1));
        int ticks = 0;
        while (true)
        {
            switch (Select(ticker.C.OnReceive(), end.OnReceive()))
            {
                case 0:
                    ticks++;
                    break;
                default:
                    ticker.Stop();
                    return ticks;
            }
        }
    }
}
