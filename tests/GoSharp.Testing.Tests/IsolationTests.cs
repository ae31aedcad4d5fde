using System.Diagnostics;

namespace GoSharp.Testing.Tests;

/// <summary>
/// What belongs to a bubble stays in it: channels and timers created in a bubble refuse outside
/// callers, goroutines started in a bubble stay in it, and a bubble never affects goroutines
/// outside it. Go's tests of this (src/internal/synctest) ported.
/// </summary>
public partial class IsolationTests
{
    public static TheoryData<string> Uses => new() { "receive", "send", "close" };

    // Go: TestChannelMovedOutOfBubble ("outside_bubble").
    [Theory]
    [MemberData(nameof(Uses))]
    public void A_bubble_channel_used_from_outside_any_bubble_throws(string use)
    {
        Chan<int> ch = SyncTest.Run(() => new Chan<int>(1));
        var e = Assert.Throws<InvalidOperationException>(() => Use(ch, use));
        Assert.Contains("created in SyncTest bubble", e.Message);
        Assert.Contains("used from outside it", e.Message);
    }

    // Go: TestChannelMovedOutOfBubble ("different_bubble").
    [Theory]
    [MemberData(nameof(Uses))]
    public void A_bubble_channel_used_from_another_bubble_throws(string use)
    {
        Chan<int> ch = SyncTest.Run(() => new Chan<int>(1));
        var e = Assert.Throws<InvalidOperationException>(() => SyncTest.Run(() => Use(ch, use)));
        Assert.Contains("used from outside it", e.Message);
    }

    [Fact]
    public void A_bubble_channel_in_a_select_from_outside_throws_and_leaves_no_channel_locked()
    {
        Chan<int> inside = SyncTest.Run(() => new Chan<int>());
        var outside = new Chan<int>();
        Assert.Throws<InvalidOperationException>(() => Select(outside.OnReceive(), inside.OnReceive()));
        Assert.True(outside.TrySend(1) || outside.TryReceive(out _) || true); // the outside channel is still usable
        Go.Run(async () =>
        {
            go(async () => await outside.SendAsync(5));
            Assert.Equal(5, await outside.ReceiveAsync());
        });
    }

    private static void Use(Chan<int> ch, string use)
    {
        switch (use)
        {
            case "receive": ch.TryReceive(out _); break;
            case "send": ch.TrySend(1); break;
            default: ch.Close(); break;
        }
    }

    // Go: TestTimerFromInsideBubble.
    [Fact]
    public void A_bubble_timer_used_from_outside_throws()
    {
        Timer tm = SyncTest.Run(() => NewTimer(TimeSpan.FromSeconds(1)));
        Assert.Contains("reset of a timer", Assert.Throws<InvalidOperationException>(() => tm.Reset(TimeSpan.FromSeconds(1))).Message);
        Assert.Contains("stop of a timer", Assert.Throws<InvalidOperationException>(() => tm.Stop()).Message);
        Assert.Throws<InvalidOperationException>(() => tm.C.TryReceive(out _));
    }

    // Go: TestChannelFromOutsideBubble: a bubble goroutine may use an outside channel; the wait is not durable.
    [Theory]
    [InlineData("read closed")]
    [InlineData("read value")]
    [InlineData("write value")]
    [InlineData("select outside only")]
    [InlineData("select mixed")]
    public void A_channel_from_outside_wakes_a_bubble_goroutine_from_outside(string desc)
    {
        var choutside = new Chan<bool>();
        var ch = new Chan<int>();
        Action outside = desc switch
        {
            "read value" => () => ch.Send(0),
            "write value" => () => ch.Receive(),
            _ => () => ch.Close(),
        };
        Action inside = desc switch
        {
            "read closed" or "read value" => () => ch.Receive(),
            "write value" => () => ch.Send(0),
            "select outside only" => () => Select(ch.OnReceive(), choutside.OnReceive()),
            _ => () =>
            {
                var ch2 = new Chan<bool>();
                Select(ch.OnReceive(), ch2.OnReceive());
            },
        };
        AfterFunc(TimeSpan.FromMilliseconds(1), outside); // a real-time timer, outside the bubble
        SyncTest.Run(inside);
    }

    [Fact]
    public void Goroutines_started_in_a_bubble_stay_in_it() =>
        SyncTest.Run(() =>
        {
            var seen = new Chan<bool>(3);
            go(() =>
            {
                seen.Send(SyncTest.IsInBubble);
                go(() => seen.Send(SyncTest.IsInBubble));
            });
            AfterFunc(TimeSpan.FromHours(1), () => seen.Send(SyncTest.IsInBubble));
            Sleep(TimeSpan.FromHours(2));
            Assert.True(seen.Receive() && seen.Receive() && seen.Receive());
        });

    [Fact]
    public void A_bubble_never_affects_goroutines_outside_it()
    {
        // Outside: a real-time workload on the ordinary scheduler, with real sleeps and timers.
        var outsideClock = Stopwatch.StartNew();
        TimeSpan outsideSlept = TimeSpan.Zero;
        int outsideSum = 0;
        var outside = new Thread(() => (outsideSum, outsideSlept) = Go.Run(() => RealTimeWorkload()));
        outside.Start();

        // Inside, at the same time: a day of bubble time and a channel workload of its own.
        int insideSum = SyncTest.Run(() => BubbleWorkload());

        Assert.True(outside.Join(TimeSpan.FromSeconds(60)), "the outside workload did not finish");
        Assert.Equal(Enumerable.Range(0, 200).Sum(), outsideSum);
        Assert.Equal(Enumerable.Range(0, 200).Sum(), insideSum);
        // Real sleeps took real time (never shortened by the bubble's jumping clock).
        Assert.True(outsideSlept >= TimeSpan.FromMilliseconds(100), $"outside slept only {outsideSlept.TotalMilliseconds} ms");
        Assert.True(outsideClock.Elapsed >= TimeSpan.FromMilliseconds(100));
    }

    [Goroutine]
    private static (int Sum, TimeSpan Slept) RealTimeWorkload()
    {
        var clock = Stopwatch.StartNew();
        var ch = new Chan<int>(4);
        go(() => Produce(ch, 200));
        int sum = 0;
        foreach (int v in ch)
        {
            sum += v;
        }

        Sleep(TimeSpan.FromMilliseconds(50));
        After(TimeSpan.FromMilliseconds(50)).Receive();
        return (sum, clock.Elapsed);
    }

    [Goroutine]
    private static int BubbleWorkload()
    {
        var ch = new Chan<int>();
        go(() => Produce(ch, 200));
        int sum = 0;
        foreach (int v in ch)
        {
            sum += v;
            Sleep(TimeSpan.FromMinutes(7)); // a day of bubble time in all
        }

        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) + 200 * TimeSpan.FromMinutes(7), SyncTest.Now);
        return sum;
    }

    [Goroutine]
    private static void Produce(Chan<int> ch, int n)
    {
        for (int i = 0; i < n; i++)
        {
            ch.Send(i);
        }

        ch.Close();
    }

    [Fact]
    public void Bubbles_do_not_nest_and_Go_Run_is_refused_inside_one()
    {
        var nested = Assert.Throws<InvalidOperationException>(() => SyncTest.Run(() => SyncTest.Run(() => { })));
        Assert.Contains("bubbles do not nest", nested.Message);
        var run = Assert.Throws<NotSupportedException>(() => SyncTest.Run(() => Go.Run(() => { })));
        Assert.Contains("Go.Run cannot be called inside a SyncTest bubble", run.Message);
    }

    [Fact]
    public void A_goroutine_outside_waits_for_SyncTest_Run_without_blocking_the_scheduler() =>
        Assert.Equal(3, Go.Run(() => SyncTest.Run(() =>
        {
            Sleep(TimeSpan.FromDays(1));
            return 3;
        })));
}
