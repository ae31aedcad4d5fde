namespace GoSharp.Testing.Tests;

/// <summary>
/// <see cref="SyncTest.Wait"/> and what counts as durably blocked, with Go's tests of them
/// (golang/go src/internal/synctest and the examples of src/testing/synctest) ported.
/// </summary>
public partial class WaitTests
{
    // Go: TestRunEmpty, TestSimpleWait, TestGoroutineWait.
    [Fact]
    public void Empty_bubbles_and_waits_return()
    {
        SyncTest.Run(() => { });
        SyncTest.Run(() => SyncTest.Wait());
        SyncTest.Run(() =>
        {
            go(() => { });
            SyncTest.Wait();
        });
    }

    // Go: the package documentation's TestWait.
    [Fact]
    public void Wait_returns_after_the_goroutine_has_finished() =>
        Assert.True(SyncTest.Run(() =>
        {
            bool done = false;
            go(() => done = true);
            SyncTest.Wait(); // blocks until the goroutine above has finished
            return done;
        }));

    // Go: TestWait (a chain of 100 goroutines handing a counter down).
    [Fact]
    public void Wait_waits_for_a_chain_of_goroutines_to_exit() =>
        Assert.True(SyncTest.Run(() => CountDown(100)));

    [Goroutine]
    private static bool CountDown(int count)
    {
        var state = new Flag();
        var ch = new Chan<int>();
        go(() => Step(ch, state));
        ch.Send(count);
        SyncTest.Wait();
        return state.Done;
    }

    [Goroutine]
    private static void Step(Chan<int> ch, Flag state)
    {
        int count = ch.Receive();
        if (count == 0)
        {
            state.Done = true;
        }
        else
        {
            go(() => Step(ch, state));
            ch.Send(count - 1);
        }
    }

    private sealed class Flag
    {
        public bool Done;
    }

    [Fact]
    public void A_goroutine_blocked_on_a_bubble_channel_is_durably_blocked() =>
        SyncTest.Run(() =>
        {
            var ch = new Chan<int>();
            int received = -1;
            go(() => received = ch.Receive());
            SyncTest.Wait(); // returns: the receiver can only be woken from inside the bubble
            Assert.Equal(-1, received);
            ch.Send(7);
            SyncTest.Wait();
            Assert.Equal(7, received);
        });

    [Fact]
    public void A_goroutine_blocked_on_a_mutex_is_not_durably_blocked()
    {
        // The mutex is held outside the bubble; a goroutine of the bubble waits for it. That wait
        // is not durable (something outside may unlock), so Wait must wait for the unlock.
        var mu = new Mutex();
        mu.Lock();
        var log = new Chan<string>(8);
        var waitReturned = new ManualResetEventSlim();
        var bubble = new Thread(() => SyncTest.Run(() =>
        {
            go(() =>
            {
                mu.Lock();
                log.Send("locked");
                mu.Unlock();
            });
            SyncTest.Wait();
            log.Send("wait returned");
            waitReturned.Set();
        }));
        bubble.Start();
        Assert.True(SpinWait.SpinUntil(() => mu.Waiters == 1, TimeSpan.FromSeconds(30)), "the goroutine never blocked on the mutex");
        Assert.False(waitReturned.Wait(TimeSpan.FromMilliseconds(50)), "Wait returned while a goroutine was blocked on a mutex");
        mu.Unlock();
        Assert.True(bubble.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(new[] { "locked", "wait returned" }, Drain(log));
    }

    [Fact]
    public void A_goroutine_awaiting_a_task_from_outside_is_not_durably_blocked()
    {
        var outside = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new Chan<string>(8);
        var awaiting = new ManualResetEventSlim();
        var waitReturned = new ManualResetEventSlim();
        var bubble = new Thread(() => SyncTest.Run(() =>
        {
            go(() =>
            {
                awaiting.Set();
                log.Send($"task {Await(outside.Task)}");
            });
            SyncTest.Wait();
            log.Send("wait returned");
            waitReturned.Set();
        }));
        bubble.Start();
        Assert.True(awaiting.Wait(TimeSpan.FromSeconds(30)));
        Assert.False(waitReturned.Wait(TimeSpan.FromMilliseconds(50)), "Wait returned while a goroutine awaited a task from outside");
        outside.SetResult(42);
        Assert.True(bubble.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(new[] { "task 42", "wait returned" }, Drain(log));
    }

    // Go: TestCond.
    [Fact]
    public void Cond_waits_are_durable_and_signals_wake_at_exact_instants() =>
        SyncTest.Run(() =>
        {
            var mu = new Mutex();
            var cond = new Cond(mu);
            DateTime start = SyncTest.Now;
            TimeSpan waitTime = TimeSpan.FromMilliseconds(1);

            go(() =>
            {
                Sleep(waitTime);
                mu.Lock();
                cond.Signal();
                mu.Unlock();

                Sleep(waitTime);
                mu.Lock();
                cond.Broadcast();
                mu.Unlock();
            });

            mu.Lock();
            cond.Wait();
            mu.Unlock();
            Assert.Equal(waitTime, SyncTest.Now - start);

            bool waiterDone = false;
            go(() =>
            {
                mu.Lock();
                cond.Wait();
                mu.Unlock();
                waiterDone = true;
            });
            mu.Lock();
            cond.Wait();
            mu.Unlock();
            SyncTest.Wait();
            Assert.True(waiterDone, "after cond.Broadcast: waiter not done");
            Assert.Equal(2 * waitTime, SyncTest.Now - start);
        });

    // Go: TestWaitGroupInBubble.
    [Fact]
    public void A_WaitGroup_added_to_in_the_bubble_is_durable() =>
        Assert.Equal(TimeSpan.FromSeconds(1), SyncTest.Run(() =>
        {
            var wg = new WaitGroup();
            wg.Add(1);
            TimeSpan delay = TimeSpan.FromSeconds(1);
            go(() =>
            {
                Sleep(delay);
                wg.Done();
            });
            DateTime start = SyncTest.Now;
            wg.Wait();
            return SyncTest.Now - start;
        }));

    // Go: TestWaitGroupOutOfBubble.
    [Fact]
    public void A_WaitGroup_added_to_outside_the_bubble_is_not_durable()
    {
        var wg = new WaitGroup();
        wg.Add(1);
        var finished = new ManualResetEventSlim();
        var bubble = new Thread(() => SyncTest.Run(() =>
        {
            // Add was called outside: this Wait is not durable, so the bubble waits for Done.
            wg.Wait();
            finished.Set();
        }));
        bubble.Start();
        Assert.False(finished.Wait(TimeSpan.FromMilliseconds(50)), "SyncTest.Run finished before WaitGroup.Done was called");
        wg.Done();
        Assert.True(bubble.Join(TimeSpan.FromSeconds(30)));
        Assert.True(finished.IsSet);
    }

    // Go: TestWaitGroupMovedIntoBubble, TestWaitGroupMovedOutOfBubble, ...BetweenBubblesWithNonZeroCount.
    [Fact]
    public void A_WaitGroup_with_a_count_cannot_change_bubbles()
    {
        var outside = new WaitGroup();
        outside.Add(1);
        var e = Assert.Throws<InvalidOperationException>(() => SyncTest.Run(() => outside.Add(1)));
        Assert.Contains("WaitGroup.Add called from inside and outside a SyncTest bubble", e.Message);

        var inside = new WaitGroup();
        SyncTest.Run(() => inside.Add(1));
        e = Assert.Throws<InvalidOperationException>(() => inside.Add(1));
        Assert.Contains("WaitGroup.Add called from inside and outside a SyncTest bubble", e.Message);

        var moving = new WaitGroup();
        SyncTest.Run(() => moving.Add(1));
        e = Assert.Throws<InvalidOperationException>(() => SyncTest.Run(() => moving.Add(1)));
        Assert.Contains("WaitGroup.Add called from two SyncTest bubbles", e.Message);
    }

    // Go: TestWaitGroupMovedBetweenBubblesWithZeroCount, ...AfterWait.
    [Fact]
    public void A_WaitGroup_at_zero_may_move_between_bubbles()
    {
        var wg = new WaitGroup();
        SyncTest.Run(() =>
        {
            wg.Add(1);
            wg.Done();
        });
        SyncTest.Run(() =>
        {
            wg.Go(() => { });
            wg.Wait();
        });
    }

    // Go: TestHappensBefore.
    [Fact]
    public void Wait_orders_goroutine_exits_blocks_and_timer_functions_before_it()
    {
        int v1 = 0, v2 = 0;
        SyncTest.Run(() =>
        {
            v1++; // 1
            v2++; // 1

            go(() => v1++); // 2
            go(() => v2++); // 2
            SyncTest.Wait(); // returns after these goroutines exit

            v1++; // 3
            v2++; // 3

            var ch1 = new Chan<bool>();
            go(() => { v1++; ch1.Receive(); }); // 4
            go(() => { v2++; ch1.Receive(); }); // 4
            SyncTest.Wait(); // returns after these goroutines block

            v1++; // 5
            v2++; // 5
            ch1.Close();

            AfterFunc(TimeSpan.Zero, () => v1++); // 6
            AfterFunc(TimeSpan.Zero, () => v2++); // 6
            SyncTest.Wait(); // returns after these timers run

            v1++; // 7
            v2++; // 7

            var ch2 = new Chan<bool>();
            AfterFunc(TimeSpan.Zero, () => { v1++; ch2.Receive(); }); // 8
            AfterFunc(TimeSpan.Zero, () => { v2++; ch2.Receive(); }); // 8
            SyncTest.Wait(); // returns after these timer goroutines block

            v1++; // 9
            v2++; // 9
            ch2.Close();
        });
        SyncTest.Run(() =>
        {
            go(() => go(() => v1++)); // 10
            go(() => go(() => v2++)); // 10
        });
        Assert.Equal(10, v1);
        Assert.Equal(10, v2);
    }

    [Fact]
    public void Only_one_goroutine_may_wait_at_a_time()
    {
        var e = Assert.Throws<GoroutinePanicException>(() => SyncTest.Run(() =>
        {
            go(() => SyncTest.Wait());
            go(() => SyncTest.Wait());
            Sleep(TimeSpan.FromSeconds(1));
        }));
        Assert.Contains("SyncTest.Wait is already in progress", e.InnerException!.Message);
    }

    [Fact]
    public void Wait_and_the_clock_refuse_callers_outside_a_bubble()
    {
        Assert.Contains("only be used inside SyncTest.Run", Assert.Throws<InvalidOperationException>(() => SyncTest.Wait()).Message);
        Assert.Throws<InvalidOperationException>(() => SyncTest.Now);
        Assert.Throws<InvalidOperationException>(() => SyncTest.TimeProvider);
        Assert.False(SyncTest.IsInBubble);
        Assert.True(SyncTest.Run(() => SyncTest.IsInBubble));
    }

    // Synctest.Sleep: the test sleeps exactly as long as the code under test, and still sees it settled.
    [Fact]
    public void Sleep_returns_once_code_sleeping_just_as_long_has_settled() =>
        SyncTest.Run(() =>
        {
            int ticks = 0;
            go(() =>
            {
                for (int i = 0; i < 3; i++)
                {
                    Sleep(TimeSpan.FromSeconds(1));
                    ticks++;
                }
            });
            SyncTest.Sleep(TimeSpan.FromSeconds(1));
            Assert.Equal(1, ticks);
            SyncTest.Sleep(TimeSpan.FromSeconds(2));
            Assert.Equal(3, ticks);
        });

    private static List<string> Drain(Chan<string> log)
    {
        var items = new List<string>();
        while (log.TryReceive(out string? item))
        {
            items.Add(item);
        }

        return items;
    }
}
