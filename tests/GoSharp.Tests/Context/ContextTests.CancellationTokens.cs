using GoSharp.Tests.Support;

namespace GoSharp.Tests.Contexts;

public partial class ContextTests
{
    [Fact]
    public void A_CancellationToken_cancels_the_context_and_wakes_its_waiters()
    {
        using var _ = MaxProcs.Set(2);
        using var cts = new CancellationTokenSource();
        var (ctx, cancel) = Context.WithCancellation(Context.Background, cts.Token);
        var (child, cancelChild) = Context.WithCancel(ctx);
        Assert.Null(ctx.Err());

        Parked.InGoroutine(async () => await child.Done().ReceiveAsync());
        Thread thread = Parked.OnThread(() => ctx.Done().Receive());

        cts.Cancel();
        Assert.True(thread.Join(Deadline.Scenario));
        Assert.True(Deadline.WaitUntil(() => IsDone(child)));
        Assert.Same(Context.Canceled, ctx.Err());
        Assert.Same(Context.Canceled, child.Err());
        cancel();
        cancelChild();
    }

    [Fact]
    public void WithCancellation_handles_cancelled_and_uncancellable_tokens_and_drops_its_registration()
    {
        var (pre, cancelPre) = Context.WithCancellation(Context.Background, new CancellationToken(canceled: true));
        Assert.Same(Context.Canceled, pre.Err());
        cancelPre();

        var (none, cancelNone) = Context.WithCancellation(Context.Background, CancellationToken.None);
        Assert.Null(none.Err());
        cancelNone();
        Assert.Same(Context.Canceled, none.Err());

        // The context ends first: the registration is removed, so a later Cancel runs nothing of ours.
        using var cts = new CancellationTokenSource();
        var (ctx, cancel) = Context.WithCancellation(Context.Background, cts.Token);
        var registration = cts.Token.Register(() => { });
        cancel();
        Assert.False(GetRegistrationAlive(ctx));
        cts.Cancel();
        registration.Dispose();
        Assert.Same(Context.Canceled, ctx.Err());

        // The parent ends first: same.
        using var cts2 = new CancellationTokenSource();
        var (parent, cancelParent) = Context.WithCancel(Context.Background);
        var (bridged, cancelBridged) = Context.WithCancellation(parent, cts2.Token);
        cancelParent();
        Assert.Same(Context.Canceled, bridged.Err());
        Assert.False(GetRegistrationAlive(bridged));
        cancelBridged();
    }

    /// <summary>A registration that was removed cannot be removed again: Unregister returns false.</summary>
    private static bool GetRegistrationAlive(Context ctx)
    {
        var field = typeof(CancelContext).GetField("_registration", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var registration = (CancellationTokenRegistration)field.GetValue(ctx)!;
        return registration.Unregister();
    }

    [Fact]
    public void The_CancellationToken_of_a_context_is_cancelled_with_it()
    {
        using var _ = MaxProcs.Set(2);
        var (parent, cancelParent) = Context.WithCancel(Context.Background);
        var (ctx, cancel) = Context.WithCancel(Context.WithValue(parent, "k", "v"));
        CancellationToken token = ctx.CancellationToken;
        Assert.True(token.CanBeCanceled);
        Assert.False(token.IsCancellationRequested);
        Assert.Equal(token, ctx.CancellationToken); // created once

        int callbacks = 0;
        token.Register(() => Interlocked.Increment(ref callbacks));
        Task delay = Task.Delay(Timeout.Infinite, token);

        cancelParent(); // through the parent, from a plain thread
        Assert.True(token.IsCancellationRequested);
        Assert.Equal(1, callbacks);
        Assert.Throws<AggregateException>(() => delay.Wait(Deadline.Scenario));
        Assert.True(delay.IsCanceled);
        cancel();

        // A context that is already done hands out a cancelled token.
        Assert.True(ctx.CancellationToken.IsCancellationRequested);

        // A deadline fires the token too, from the timer's goroutine.
        var (timed, cancelTimed) = Context.WithTimeout(Context.Background, Short);
        Assert.True(timed.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
        Assert.Same(Context.DeadlineExceeded, timed.Err());
        cancelTimed();
    }

    [Fact]
    public void A_cancelled_child_is_removed_from_its_parent()
    {
        var (parent, cancelParent) = Context.WithCancel(Context.Background);
        var p = (CancelContext)parent;
        Context viaValue = Context.WithValue(parent, "k", 1);

        for (int i = 0; i < 100_000; i++)
        {
            var (_, cancel) = Context.WithCancel(i % 2 == 0 ? parent : viaValue);
            cancel();
        }

        Assert.Equal(0, p.ChildCount);

        var live = Enumerable.Range(0, 10).Select(_ => Context.WithCancel(parent)).ToList();
        var timed = Context.WithTimeout(viaValue, TimeSpan.FromHours(1));
        Assert.Equal(11, p.ChildCount);
        timed.Cancel();
        Assert.Equal(10, p.ChildCount);

        cancelParent();
        Assert.Equal(0, p.ChildCount);
        Assert.All(live, x => Assert.Same(Context.Canceled, x.Ctx.Err()));
        live.ForEach(x => x.Cancel());
    }

    [Fact]
    public void Concurrent_derivation_and_cancellation_leave_no_live_child_of_a_cancelled_parent()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            for (int round = 0; round < 50; round++)
            {
                var (parent, cancelParent) = Context.WithCancel(Context.Background);
                var children = new Context[8][];
                var task = Go.RunAsync(async () =>
                {
                    var wg = new WaitGroup();
                    for (int g = 0; g < 8; g++)
                    {
                        int gi = g;
                        wg.Go(async () =>
                        {
                            var mine = new Context[50];
                            for (int i = 0; i < mine.Length; i++)
                            {
                                var (c, cancel) = Context.WithCancel(parent);
                                mine[i] = c;
                                if (i % 3 == 0)
                                {
                                    cancel();
                                }

                                if (i % 10 == 0)
                                {
                                    await Go.GoschedAsync();
                                }
                            }

                            children[gi] = mine;
                        });
                    }

                    await wg.WaitAsync();
                });

                Thread.Yield();
                cancelParent();
                Assert.True(task.Wait(Deadline.Scenario));
                Assert.All(children.SelectMany(x => x), c => Assert.Same(Context.Canceled, c.Err()));
                Assert.Equal(0, ((CancelContext)parent).ChildCount);
            }
        });
    }

    [Fact]
    public void ToString_describes_the_chain()
    {
        var (ctx, cancel) = Context.WithCancel(Context.WithValue(Context.Background, "k", "v"));
        Assert.Equal("context.Background.WithValue(k, v).WithCancel", ctx.ToString());
        cancel();
    }
}
