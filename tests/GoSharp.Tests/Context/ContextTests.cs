using GoSharp.Tests.Support;

// Not GoSharp.Tests.Context: a namespace of that name would hide GoSharp.Context in every test namespace.
namespace GoSharp.Tests.Contexts;

public class ContextTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    private static bool IsDone(Context ctx) => ctx.Done().TryReceiveWithOk(out _);

    [Fact]
    public void Background_and_TODO_are_never_cancelled()
    {
        foreach (Context ctx in new[] { Context.Background, Context.TODO })
        {
            Assert.True(ctx.Done().IsNil);
            Assert.Null(ctx.Err());
            Assert.Null(ctx.Cause());
            Assert.Null(ctx.Deadline);
            Assert.Null(ctx.Value("k"));
            Assert.Equal(CancellationToken.None, ctx.CancellationToken);
            Assert.Equal(1, Go.Select(ctx.Done().OnReceive(), Go.Default));
        }

        Assert.Equal("context.Background", Context.Background.ToString());
        Assert.Equal("context canceled", Context.Canceled.Message);
        Assert.Equal("context deadline exceeded", Context.DeadlineExceeded.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(Context.Canceled);
        Assert.IsAssignableFrom<OperationCanceledException>(Context.DeadlineExceeded);
    }

    [Fact]
    public void Err_is_null_until_cancel_and_cancel_is_idempotent()
    {
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        Assert.Null(ctx.Err());
        Assert.False(IsDone(ctx));
        Assert.False(ctx.Done().IsNil);

        cancel();
        Assert.Same(Context.Canceled, ctx.Err());
        Assert.Same(Context.Canceled, ctx.Cause());
        Assert.True(IsDone(ctx));
        ReceiveOnlyChan<Unit> done = ctx.Done();

        cancel();
        cancel();
        Assert.Same(Context.Canceled, ctx.Err());
        Assert.True(IsDone(ctx));
        Assert.False(ctx.Done().ReceiveWithOk().Ok); // closed, not sent on
        Assert.Equal(done.ToString(), ctx.Done().ToString());
    }

    [Fact]
    public void Done_is_created_lazily_and_is_the_same_channel_each_time()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            var (ctx, cancel) = Context.WithCancel(Context.Background);
            var d1 = ctx.Done();
            var d2 = ctx.Done();
            Assert.False(d1.IsNil);
            Assert.Same(GetChan(d1), GetChan(d2));

            // Cancelled before Done was ever asked for: Done is closed at once.
            var (other, cancelOther) = Context.WithCancel(Context.Background);
            cancelOther();
            await other.Done().ReceiveAsync();
            Assert.Same(Context.Canceled, other.Err());
            cancel();
        }));
    }

    private static object? GetChan(ReceiveOnlyChan<Unit> c) => c.chan;

    [Fact]
    public void Cancellation_propagates_down_three_levels_but_not_up_in_both_forms()
    {
        using var _ = MaxProcs.Set(2);

        // Created on the test thread, which also cancels (see CancelContext's remarks).
        var (root, cancelRoot) = Context.WithCancel(Context.Background);
        var (mid, cancelMid) = Context.WithCancel(Context.WithValue(root, "k", 1));
        var (leaf, cancelLeaf) = Context.WithCancel(mid);
        var (sibling, cancelSibling) = Context.WithCancel(root);

        int parkedWoken = 0;
        var goroutines = Go.RunAsync(async () =>
        {
            var wg = new WaitGroup();
            for (int i = 0; i < 16; i++)
            {
                wg.Go(async () =>
                {
                    await leaf.Done().ReceiveAsync();
                    Assert.Same(Context.Canceled, leaf.Err());
                    Interlocked.Increment(ref parkedWoken);
                });
            }

            await wg.WaitAsync();
        });
        Thread thread = Parked.OnThread(() => leaf.Done().Receive());

        cancelMid();

        Assert.True(thread.Join(Deadline.Scenario));
        Assert.True(goroutines.Wait(Deadline.Scenario));
        Assert.Equal(16, parkedWoken);
        Assert.Same(Context.Canceled, mid.Err());
        Assert.Same(Context.Canceled, leaf.Err());
        Assert.Null(root.Err());       // not upwards
        Assert.Null(sibling.Err());    // nor sideways
        Assert.False(IsDone(root));

        cancelRoot();
        Assert.Same(Context.Canceled, sibling.Err());
        cancelLeaf();
        cancelSibling();
    }

    [Fact]
    public void Cancelling_the_root_cancels_every_descendant_before_its_Err_is_seen()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            for (int round = 0; round < 200; round++)
            {
                var (root, cancelRoot) = Context.WithCancel(Context.Background);
                var (a, _) = Context.WithCancel(root);
                var (b, _) = Context.WithTimeout(Context.WithValue(a, "x", round), TimeSpan.FromHours(1));
                var (c, _) = Context.WithCancel(b);
                Context[] all = [a, b, c];

                var observer = Go.RunAsync(async () =>
                {
                    await root.Done().ReceiveAsync();
                    foreach (Context x in all)
                    {
                        Assert.Same(Context.Canceled, x.Err()); // Go cancels children under the parent's lock
                    }
                });

                cancelRoot();
                Assert.True(observer.Wait(Deadline.Scenario));
            }
        });
    }

    [Fact]
    public void A_child_of_a_cancelled_parent_is_born_cancelled()
    {
        var (parent, cancel) = Context.WithCancelCause(Context.Background);
        var boom = new InvalidOperationException("boom");
        cancel(boom);
        cancel(new InvalidOperationException("later")); // ignored

        var (child, _) = Context.WithCancel(parent);
        var (timed, _) = Context.WithTimeout(parent, TimeSpan.FromHours(1));
        Assert.Same(Context.Canceled, parent.Err());
        Assert.Same(boom, parent.Cause());
        Assert.Same(Context.Canceled, child.Err());
        Assert.Same(boom, child.Cause());
        Assert.Same(Context.Canceled, timed.Err());
        Assert.True(IsDone(child));
        Assert.Equal(0, ((CancelContext)parent).ChildCount);
    }

    [Fact]
    public void WithValue_looks_up_the_chain_and_the_nearest_value_shadows()
    {
        var key1 = new object();
        var key2 = "key2";
        Context a = Context.WithValue(Context.Background, key1, "a1");
        var (b, cancel) = Context.WithCancel(Context.WithValue(a, key2, "b2"));
        Context c = Context.WithValue(b, key1, "c1");
        var (d, cancelD) = Context.WithTimeout(c, TimeSpan.FromHours(1));

        Assert.Equal("a1", a.Value(key1));
        Assert.Null(a.Value(key2));
        Assert.Equal("b2", b.Value(key2));
        Assert.Equal("a1", b.Value(key1));
        Assert.Equal("c1", c.Value(key1));
        Assert.Equal("c1", d.Value(key1));
        Assert.Equal("b2", d.Value(key2));
        Assert.Null(d.Value(new object()));
        Assert.Equal("b2", d.Value(new string("key2".ToCharArray()))); // keys compare by Equals
        Assert.Throws<ArgumentNullException>(() => Context.WithValue(a, null!, 1));

        // A value context is cancelled exactly when its parent is.
        Assert.Null(c.Err());
        cancel();
        Assert.Same(Context.Canceled, c.Err());
        Assert.Same(Context.Canceled, d.Err());
        Assert.Equal("c1", d.Value(key1)); // values outlive cancellation
        cancelD();
    }

    [Fact]
    public void WithTimeout_fires_DeadlineExceeded_for_a_parked_goroutine_and_a_blocked_thread()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Go.Run(async () =>
        {
            DateTime before = DateTime.UtcNow;
            var (ctx, cancel) = Context.WithTimeout(Context.Background, Short);
            Assert.NotNull(ctx.Deadline);
            Assert.Equal(DateTimeKind.Utc, ctx.Deadline!.Value.Kind);
            Assert.InRange(ctx.Deadline.Value, before + Short, DateTime.UtcNow + Short);
            if (ctx.Err() is not null)
            {
                // Only a loaded machine gets here before the wait: never before the deadline.
                Assert.True(DateTime.UtcNow >= before + Short - TimeSpan.FromMilliseconds(20), "expired early");
            }

            await ctx.Done().ReceiveAsync();
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
            Assert.True(DateTime.UtcNow >= before + Short - TimeSpan.FromMilliseconds(20)); // not early (clock granularity aside)
            cancel(); // after the fact: changes nothing
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
        }), TimeSpan.FromSeconds(10));

        Deadline.Run(() =>
        {
            var (ctx, cancel) = Context.WithTimeout(Context.Background, Short);
            ctx.Done().Receive();
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
            cancel();
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_deadline_already_passed_cancels_at_once()
    {
        var (ctx, cancel) = Context.WithDeadline(Context.Background, DateTime.UtcNow - TimeSpan.FromSeconds(1));
        Assert.Same(Context.DeadlineExceeded, ctx.Err());
        Assert.True(IsDone(ctx));
        cancel();
        Assert.Same(Context.DeadlineExceeded, ctx.Err());

        var (zero, cancelZero) = Context.WithTimeout(Context.Background, TimeSpan.Zero);
        Assert.Same(Context.DeadlineExceeded, zero.Err());
        cancelZero();
    }

    [Fact]
    public void A_child_deadline_never_exceeds_its_parents()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var (parent, cancelParent) = Context.WithTimeout(Context.Background, Short);
            var (later, cancelLater) = Context.WithTimeout(Context.WithValue(parent, "k", "v"), TimeSpan.FromHours(1));
            Assert.Equal(parent.Deadline, later.Deadline);

            var (earlier, cancelEarlier) = Context.WithTimeout(Context.Background, TimeSpan.FromHours(1));
            var (child, cancelChild) = Context.WithDeadline(earlier, DateTime.UtcNow + Short);
            Assert.True(child.Deadline < earlier.Deadline);

            later.Done().Receive();   // fires with the parent, not after an hour
            Assert.Same(Context.DeadlineExceeded, later.Err());
            parent.Done().Receive();  // (descendants are cancelled just before their ancestors)
            Assert.Same(Context.DeadlineExceeded, parent.Err());

            child.Done().Receive();   // its own, earlier deadline fires
            Assert.Same(Context.DeadlineExceeded, child.Err());
            Assert.Null(earlier.Err());

            cancelParent();
            cancelLater();
            cancelEarlier();
            cancelChild();
            Assert.Same(Context.Canceled, earlier.Err());
            Assert.Same(Context.DeadlineExceeded, child.Err());
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Local_deadlines_are_converted_to_UTC()
    {
        DateTime local = DateTime.Now + TimeSpan.FromHours(1);
        var (ctx, cancel) = Context.WithDeadline(Context.Background, local);
        Assert.Equal(local.ToUniversalTime(), ctx.Deadline);
        Assert.Equal(DateTimeKind.Utc, ctx.Deadline!.Value.Kind);
        cancel();
    }

    [Fact]
    public void Cancel_stops_the_deadline_timer()
    {
        using var _ = MaxProcs.Set(2);
        int before = GoSharp.Runtime.Sched.TimerCount();
        var cancels = new List<Action>();
        for (int i = 0; i < 100; i++)
        {
            var (_, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromHours(1));
            cancels.Add(cancel);
        }

        Assert.True(GoSharp.Runtime.Sched.TimerCount() >= before + 100);
        cancels.ForEach(c => c());
        Assert.True(Deadline.WaitUntil(() => GoSharp.Runtime.Sched.TimerCount() <= before), "timers left behind");
    }

    [Fact]
    public void Done_works_in_SelectAsync_against_another_channel()
    {
        using var _ = MaxProcs.Set(2);
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        var data = new Chan<int>();
        var result = Go.RunAsync(async () =>
        {
            int sum = 0;
            while (true)
            {
                var r = await Go.SelectAsync(data.OnReceive(), ctx.Done().OnReceive());
                if (r.Index == 1)
                {
                    Assert.Same(Context.Canceled, ctx.Err());
                    return sum;
                }

                sum += r.Case0.Value;
            }
        });

        for (int i = 1; i <= 100; i++)
        {
            data.Send(i);
        }

        cancel();
        Assert.True(result.Wait(Deadline.Scenario));
        Assert.Equal(5050, result.Result);
    }

    [Fact]
    public void Done_works_in_a_blocking_Select_on_a_plain_thread()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var (ctx, cancel) = Context.WithTimeout(Context.Background, Short);
            var never = new Chan<int>();
            Assert.Equal(1, Go.Select(never.OnReceive(), ctx.Done().OnReceive()));
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
            Assert.Equal(1, Go.Select(never.OnReceive(), ctx.Done().OnReceive(), Go.Default));
            cancel();
        }, TimeSpan.FromSeconds(10));
    }

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

    [Fact]
    public void A_watcher_goroutine_ends_when_its_child_is_cancelled_first_or_its_parent_ends()
    {
        using var _ = MaxProcs.Set(2);
        int baseline = Go.NumGoroutine();
        long watchers = CancelContext.WatchersStarted;

        // A parent GoSharp cannot register with: every child needs a goroutine watching it.
        var parent = new MyDoneContext(Context.Background);
        for (int i = 0; i < 100; i++)
        {
            var (_, cancel) = Context.WithCancel(parent);
            cancel();
        }

        Assert.Equal(watchers + 100, CancelContext.WatchersStarted);
        Assert.True(Deadline.WaitUntil(() => Go.NumGoroutine() <= baseline), $"{Go.NumGoroutine() - baseline} watchers leaked");

        // The other way out: the parent's own channel closes and the child takes its error.
        var donec = new Chan<Unit>();
        var (inner, cancelInner) = Context.WithCancel(Context.Background);
        var children = Enumerable.Range(0, 100).Select(_ => Context.WithCancel(new CustomDoneContext(inner, donec))).ToList();
        cancelInner();
        donec.Close();
        Assert.True(Deadline.WaitUntil(() => Go.NumGoroutine() <= baseline), $"{Go.NumGoroutine() - baseline} watchers left");
        Assert.All(children, c => Assert.Same(Context.Canceled, c.Ctx.Err()));
    }

    [Fact]
    public void The_CancellationToken_of_a_user_context_follows_its_Done_channel()
    {
        var donec = new Chan<Unit>();
        var (inner, cancelInner) = Context.WithCancel(Context.Background);
        var custom = new CustomDoneContext(inner, donec);
        CancellationToken token = custom.CancellationToken;
        Assert.True(token.CanBeCanceled);
        Assert.Equal(token, custom.CancellationToken); // made once

        cancelInner();
        donec.Close();
        Assert.True(token.WaitHandle.WaitOne(Deadline.Scenario));

        // Through a wrapper that passes Done on, the token is the wrapped context's own.
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        var wrapper = new OtherContext(ctx);
        Assert.Equal(ctx.CancellationToken, wrapper.CancellationToken);
        cancel();
        Assert.True(wrapper.CancellationToken.IsCancellationRequested);

        // A user context that can never be cancelled has no token to give.
        Assert.Equal(CancellationToken.None, new OtherContext(Context.Background).CancellationToken);
    }

    /// <summary>A user context whose Done is closed while its Err is null breaks Go's contract: the child says so.</summary>
    private sealed class BrokenContext : Context
    {
        private readonly Chan<Unit> _done = new();

        public BrokenContext() => _done.Close();

        public override DateTime? Deadline => null;

        public override ReceiveOnlyChan<Unit> Done() => _done;

        public override Exception? Err() => null;

        public override object? Value(object key) => null;
    }

    [Fact]
    public void A_user_context_done_without_an_error_is_reported_where_it_is_used()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Context.WithCancel(new BrokenContext()));
        Assert.Contains("BrokenContext", e.Message);
        Assert.Contains("Err() returned null", e.Message);
    }

    [Fact]
    public void A_user_context_with_a_local_deadline_is_compared_in_UTC()
    {
        var (timed, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromHours(1));
        var local = new LocalDeadlineContext(timed);
        var (child, cancelChild) = Context.WithDeadline(local, DateTime.UtcNow + TimeSpan.FromHours(2));
        Assert.Equal(timed.Deadline, child.Deadline); // the parent's, an hour earlier, wins
        cancelChild();
        cancel();
    }

    /// <summary>Reports the wrapped deadline in local time.</summary>
    private sealed class LocalDeadlineContext(Context inner) : Context
    {
        public override DateTime? Deadline => inner.Deadline?.ToLocalTime();

        public override ReceiveOnlyChan<Unit> Done() => inner.Done();

        public override Exception? Err() => inner.Err();

        public override object? Value(object key) => inner.Value(key);
    }
}
