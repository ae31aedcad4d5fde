using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace GoSharp.Testing.Tests;

/// <summary>
/// A bubble proves its own deadlocks (it owns its scheduler and its clock), so it fails at once
/// with Go's synctest wording and a dump that names where each goroutine is blocked, instead of
/// hanging the test run.
/// </summary>
public partial class DeadlockTests
{
    private const string AllBlocked = "deadlock: all goroutines in bubble are blocked";
    private const string RootExited = "deadlock: main bubble goroutine has exited but blocked goroutines remain";

    private static int Line([CallerLineNumber] int line = 0) => line;

    // Go: TestDeadlockRoot.
    [Fact]
    public void A_root_blocked_forever_fails_the_bubble_at_once()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() => Select()));
        Assert.StartsWith(AllBlocked, e.Message);
        Assert.Contains("[select (no cases)", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalMilliseconds:0} ms"); // no grace period, unlike Go.Run's detector
    }

    // Go: TestDeadlockChild.
    [Fact]
    public void A_root_that_returns_while_a_goroutine_stays_blocked_fails_the_bubble()
    {
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() => go(() => Select())));
        Assert.StartsWith(RootExited, e.Message);
    }

    // Go: TestDeadlockTicker.
    [Fact]
    public void A_goroutine_ranging_over_a_ticker_after_the_root_returns_is_a_deadlock()
    {
        bool ticked = false;
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() => go(() =>
        {
#pragma warning disable GOSH020 // Go's test ranges over time.Tick on purpose: the leak is the point
            foreach (DateTime _ in Tick(TimeSpan.FromSeconds(1)))
#pragma warning restore GOSH020
            {
                ticked = true; // time stops when the root returns: the ticker never ticks
                return;
            }
        })));
        Assert.StartsWith(RootExited, e.Message);
        Assert.False(ticked);
    }

    [Fact]
    public void The_report_names_the_user_line_each_goroutine_of_a_Goroutine_method_is_parked_on()
    {
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() =>
        {
            var done = new Chan<bool>();
            go(() => Crossed(done)); // intercepted: Crossed's twin runs, and parks
            done.Receive();
        }));
        Assert.StartsWith(AllBlocked, e.Message);
        Assert.Contains($"DeadlockTests.cs:{s_receiveLine} (from.Receive())", e.Message);
        Assert.Contains($"DeadlockTests.cs:{s_waitLine} (wg.Wait())", e.Message);
        Assert.Contains("[sync.WaitGroup.Wait]", e.Message);
        Assert.Equal(2, e.Message.Split("[chan receive]").Length - 1);
        Assert.Contains("seed: ", e.Message); // how to replay it
    }

    private static int s_receiveLine;
    private static int s_waitLine;

    [Goroutine]
    private static void Crossed(Chan<bool> done)
    {
        var a = new Chan<int>();
        var b = new Chan<int>();
        var wg = new WaitGroup();
        wg.Add(2);
        go(() => Forward(a, b, wg));
        go(() => Forward(b, a, wg));
        s_waitLine = Line() + 1;
        wg.Wait();
        done.Send(true);
    }

    [Goroutine]
    private static void Forward(Chan<int> from, Chan<int> to, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        s_receiveLine = Line() + 1;
        to.Send(from.Receive());
    }

    [Fact]
    public void The_report_shows_the_user_stack_of_a_goroutine_that_blocks_its_thread()
    {
        int line = 0;
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() =>
        {
            var ch = new Chan<string>();
            line = Line(); ch.Receive();
        }));
        Assert.StartsWith(AllBlocked, e.Message);
        Assert.Contains("[chan receive, thread blocked]", e.Message);
        Assert.Contains($"DeadlockTests.cs:{line}", e.Message);
    }

    [Fact]
    public void A_failed_bubble_unwinds_its_blocked_threads_and_retires_its_goroutines()
    {
        int before = NumGoroutine();
        bool unwound = false;
        Assert.Throws<DeadlockException>(() => SyncTest.Run(() =>
        {
            var never = new Chan<int>();
            go(async () => await never.ReceiveAsync()); // parked: retired
            go(() =>
            {
                try
                {
                    never.Receive(); // blocks its thread: woken and unwound
                }
                finally
                {
                    Volatile.Write(ref unwound, true);
                }
            });
            never.Receive();
        }));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref unwound), TimeSpan.FromSeconds(30)), "the blocked goroutine's finally never ran");
        Assert.True(SpinWait.SpinUntil(() => NumGoroutine() <= before, TimeSpan.FromSeconds(30)), $"{NumGoroutine() - before} goroutines left behind");
    }
}
