using GoSharp.Tests.Support;

namespace GoSharp.Tests.Diagnostics;

public class DeadlockTests
{
    private static DeadlockException Deadlocks(Action run)
    {
        DeadlockException? caught = null;
        Deadline.Run(() => caught = Assert.Throws<DeadlockException>(run));
        Assert.StartsWith("all goroutines are asleep - deadlock!", caught!.Message);
        return caught;
    }

    [Fact]
    public void Main_receiving_on_a_channel_nobody_sends_on_deadlocks()
    {
        var e = Deadlocks(() => Go.Run(async () =>
        {
            var ch = new Chan<int>();
            await ch.ReceiveAsync();
        }));
        Assert.True(e.Message.Contains("[chan receive]", StringComparison.Ordinal), e.Message);
        Assert.True(e.Message.Contains("waiting on chan Int32", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Main_selecting_on_channels_nobody_else_holds_deadlocks_and_every_case_is_listed()
    {
        var e = Deadlocks(() => Go.Run(async () =>
        {
            var numbers = new Chan<int>();
            var names = new Chan<string>();
            await Go.SelectAsync(numbers.OnReceive(), names.OnSend("never taken"));
        }));
        Assert.True(e.Message.Contains("[select]", StringComparison.Ordinal), e.Message);
        Assert.True(e.Message.Contains("waiting on chan Int32", StringComparison.Ordinal), e.Message);
        Assert.True(e.Message.Contains("waiting on chan String", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void A_blocking_main_delegate_deadlocks_too()
    {
        var e = Deadlocks(() => Go.Run(() =>
        {
            var ch = new Chan<string>(1);
            ch.Send("fills the buffer");
            ch.Send("blocks forever");
        }));
        Assert.True(e.Message.Contains("chan send", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Two_goroutines_waiting_for_each_other_deadlock_and_both_are_listed()
    {
        var e = Deadlocks(() => Go.Run(async () =>
        {
            var a = new Chan<int>();
            var b = new Chan<int>();
            var wg = new WaitGroup();
            wg.Go(async () => await b.SendAsync(await a.ReceiveAsync()));
            wg.Go(async () => await a.SendAsync(await b.ReceiveAsync()));
            await wg.WaitAsync();
        }));
        Assert.True(e.Message.Contains("sync.WaitGroup.Wait", StringComparison.Ordinal), e.Message);
        Assert.True(e.Message.Split("[chan receive]").Length - 1 == 2, e.Message);
    }

    [Fact]
    public void A_WaitGroup_that_never_reaches_zero_deadlocks()
    {
        var e = Deadlocks(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            wg.Add(2);
            Go.go(() => wg.Done());
            await wg.WaitAsync();
        }));
        Assert.True(e.Message.Contains("[sync.WaitGroup.Wait]", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void A_pending_timer_is_not_a_deadlock()
    {
        DateTime fired = Deadline.RunFor(() => Go.Run(async () =>
        {
            var ch = new Chan<int>();
            Go.AfterFunc(TimeSpan.FromMilliseconds(300), () => ch.TrySend(1));
            await ch.ReceiveAsync();
            return await Go.After(TimeSpan.FromMilliseconds(200)).ReceiveAsync();
        }));
        Assert.NotEqual(default, fired);
    }

    [Fact]
    public void A_plain_thread_that_sends_later_is_not_a_deadlock()
    {
        var ch = new Chan<int>();
        var mu = new Mutex();
        mu.Lock();
        var thread = new Thread(() =>
        {
            Thread.Sleep(300); // well past the detector's grace period
            ch.Send(42);
            Thread.Sleep(300);
            mu.Unlock();
        });
        thread.Start();
        int got = Deadline.RunFor(() => Go.Run(async () =>
        {
            int v = await ch.ReceiveAsync();
            await mu.LockAsync();
            return v;
        }));
        Assert.Equal(42, got);
        Assert.True(thread.Join(Deadline.Scenario));
    }

    [Fact]
    public void A_Task_that_will_complete_is_not_a_deadlock()
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Thread.Sleep(300);
            tcs.SetResult(7);
        });
        thread.Start();
        int got = Deadline.RunFor(() => Go.Run(async () =>
        {
            var ch = new Chan<int>();
            Go.go(async () => await ch.SendAsync(await Go.AwaitAsync(tcs.Task)));
            return await ch.ReceiveAsync();
        }));
        Assert.Equal(7, got);
        Assert.True(thread.Join(Deadline.Scenario));
    }

    [Fact]
    public void A_goroutine_blocking_its_thread_in_foreign_code_is_not_a_deadlock()
    {
        int got = Deadline.RunFor(() => Go.Run(async () =>
        {
            var ch = new Chan<int>();
            Go.go(() =>
            {
                Thread.Sleep(300); // invisible to the runtime: it must assume progress
                ch.Send(5);
            });
            return await ch.ReceiveAsync();
        }));
        Assert.Equal(5, got);
    }

    [Fact]
    public void A_semaphore_or_context_a_plain_thread_releases_later_is_not_a_deadlock()
    {
        var sem = new Semaphore(1);
        Assert.True(sem.TryAcquire(1));
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        var thread = new Thread(() =>
        {
            Thread.Sleep(300);
            sem.Release(1);
            Thread.Sleep(300);
            cancel();
        });
        thread.Start();
        Exception? err = Deadline.RunFor(() => Go.Run(async () =>
        {
            await sem.AcquireAsync(1);
            await ctx.Done().ReceiveAsync();
            return ctx.Err();
        }));
        Assert.Same(Context.Canceled, err);
        Assert.True(thread.Join(Deadline.Scenario));
    }
}
