using GoSharp.Tests.Support;

// Not GoSharp.Tests.Context: a namespace of that name would hide GoSharp.Context in every test namespace.
namespace GoSharp.Tests.Contexts;

public partial class ContextTests
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
}
