using GoSharp.Tests.Support;

namespace GoSharp.Tests.Contexts;

/// <summary>
/// Go's context tests (src/context/x_test.go and the XTests of context_test.go), ported: each
/// test names its Go original. Go's timing bounds (<c>quiescent</c>) become
/// <see cref="Deadline"/>'s; its <c>shortDuration</c> is kept for deadlines that must fire.
/// </summary>
public class GoContextPortTests
{
    private static readonly TimeSpan ShortDuration = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan VeryLongDuration = TimeSpan.FromHours(1000);

    private static bool IsDone(Context ctx) => Go.Select(ctx.Done().OnReceive(), Go.Default) == 0;

    private static void AssertSame(string what, object? expected, object? actual) =>
        Assert.True(ReferenceEquals(expected, actual), $"{what}: got {actual?.ToString() ?? "null"}, want {expected?.ToString() ?? "null"}");

    /// <summary>TestWithCancel: cancel reaches a child through a user's wrapper, synchronously.</summary>
    [Fact]
    public void TestWithCancel_propagates_synchronously_through_a_user_context()
    {
        var (c1, cancel) = Context.WithCancel(Context.Background);
        Assert.Equal("context.Background.WithCancel", c1.ToString());
        var o = new OtherContext(c1);
        var (c2, cancel2) = Context.WithCancel(o);
        Context[] contexts = [c1, o, c2];

        foreach (Context c in contexts)
        {
            Assert.False(c.Done().IsNil);
            Assert.Null(c.Err());
            Assert.False(IsDone(c));
        }

        cancel();
        foreach (Context c in contexts)
        {
            Assert.True(IsDone(c));
            Assert.Same(Context.Canceled, c.Err());
        }

        cancel2();
    }

    private static void AssertTimesOut(Context c, string name)
    {
        Deadline.Run(() => c.Done().Receive()); // fails the test if the context never times out
        AssertSame($"{name}: Err", Context.DeadlineExceeded, c.Err());
    }

    /// <summary>TestDeadline: deadlines fire directly, through a user's wrapper, when inherited, in the past, now.</summary>
    [Fact]
    public void TestDeadline_fires_in_every_arrangement()
    {
        var (c, _) = Context.WithDeadline(Context.Background, DateTime.UtcNow + ShortDuration);
        Assert.StartsWith("context.Background.WithDeadline(", c.ToString());
        AssertTimesOut(c, "WithDeadline");

        (c, _) = Context.WithDeadline(Context.Background, DateTime.UtcNow + ShortDuration);
        AssertTimesOut(new OtherContext(c), "WithDeadline+otherContext");

        (c, _) = Context.WithDeadline(Context.Background, DateTime.UtcNow + ShortDuration);
        var o = new OtherContext(c);
        var (later, cancelLater) = Context.WithDeadline(o, DateTime.UtcNow + VeryLongDuration);
        Assert.Equal(c.Deadline, later.Deadline); // never later than the parent's
        AssertTimesOut(later, "WithDeadline+otherContext+WithDeadline");
        cancelLater();

        (c, _) = Context.WithDeadline(Context.Background, DateTime.UtcNow - ShortDuration);
        AssertTimesOut(c, "WithDeadline+inthepast");

        (c, _) = Context.WithDeadline(Context.Background, DateTime.UtcNow);
        AssertTimesOut(c, "WithDeadline+now");
    }

    /// <summary>TestTimeout: the same with WithTimeout.</summary>
    [Fact]
    public void TestTimeout_fires_directly_and_through_a_user_context()
    {
        var (c, _) = Context.WithTimeout(Context.Background, ShortDuration);
        Assert.StartsWith("context.Background.WithDeadline(", c.ToString());
        AssertTimesOut(c, "WithTimeout");

        (c, _) = Context.WithTimeout(Context.Background, ShortDuration);
        AssertTimesOut(new OtherContext(c), "WithTimeout+otherContext");

        (c, _) = Context.WithTimeout(Context.Background, ShortDuration);
        var (later, cancelLater) = Context.WithTimeout(new OtherContext(c), VeryLongDuration);
        AssertTimesOut(later, "WithTimeout+otherContext+WithTimeout");
        cancelLater();
    }

    /// <summary>TestCanceledTimeout: cancelling a timeout child of a user's wrapper is synchronous and gives Canceled.</summary>
    [Fact]
    public void TestCanceledTimeout_gives_Canceled_at_once()
    {
        var (parent, cancelParent) = Context.WithTimeout(Context.Background, TimeSpan.FromSeconds(1));
        var (c, cancel) = Context.WithTimeout(new OtherContext(parent), VeryLongDuration);
        cancel();
        Assert.True(IsDone(c));
        Assert.Same(Context.Canceled, c.Err());
        cancelParent();
    }

    private readonly struct Key1(int v)
    {
        public int V { get; } = v;
    }

    private readonly struct Key2(int v)
    {
        public int V { get; } = v;

        public override string ToString() => $"Key2({V})";
    }

    private static readonly object K1 = new Key1(1);
    private static readonly object K2 = new Key2(1); // same int as K1, different type
    private static readonly object K3 = new Key2(3); // same type as K2, different int

    private static void CheckValues(Context c, string nm, string? v1, string? v2, string? v3)
    {
        Assert.True(Equals(v1, c.Value(K1) as string), $"{nm}.Value(k1) = {c.Value(K1)}, want {v1}");
        Assert.True(Equals(v2, c.Value(K2) as string), $"{nm}.Value(k2) = {c.Value(K2)}, want {v2}");
        Assert.True(Equals(v3, c.Value(K3) as string), $"{nm}.Value(k3) = {c.Value(K3)}, want {v3}");
    }

    /// <summary>TestValues: keys of different types never match; the nearest value wins, also across user contexts; Go's String forms.</summary>
    [Fact]
    public void TestValues_look_up_by_type_and_value_through_user_contexts()
    {
        string key1 = typeof(Key1).ToString(); // a key without ToString prints as its type, as in Go
        Context c0 = Context.Background;
        CheckValues(c0, "c0", null, null, null);

        Context c1 = Context.WithValue(Context.Background, K1, "c1k1");
        CheckValues(c1, "c1", "c1k1", null, null);
        Assert.Equal($"context.Background.WithValue({key1}, c1k1)", c1.ToString());

        Context c2 = Context.WithValue(c1, K2, "c2k2");
        CheckValues(c2, "c2", "c1k1", "c2k2", null);
        Assert.Equal($"context.Background.WithValue({key1}, c1k1).WithValue(Key2(1), c2k2)", c2.ToString());

        Context c3 = Context.WithValue(c2, K3, "c3k3");
        CheckValues(c3, "c3", "c1k1", "c2k2", "c3k3");

        Context c4 = Context.WithValue(c3, K1, null);
        CheckValues(c4, "c4", null, "c2k2", "c3k3");
        Assert.Equal(
            $"context.Background.WithValue({key1}, c1k1).WithValue(Key2(1), c2k2).WithValue(Key2(3), c3k3).WithValue({key1}, <nil>)",
            c4.ToString());

        CheckValues(new OtherContext(Context.Background), "o0", null, null, null);
        var o1 = new OtherContext(Context.WithValue(Context.Background, K1, "c1k1"));
        CheckValues(o1, "o1", "c1k1", null, null);
        Context o2 = Context.WithValue(o1, K2, "o2k2");
        CheckValues(o2, "o2", "c1k1", "o2k2", null);
        var o3 = new OtherContext(c4);
        CheckValues(o3, "o3", null, "c2k2", "c3k3");
        Context o4 = Context.WithValue(o3, K3, null);
        CheckValues(o4, "o4", null, "c2k2", null);
    }

    /// <summary>TestSimultaneousCancels: a tree of 100+ contexts, every cancel function called at once from its own goroutine.</summary>
    [Fact]
    public void TestSimultaneousCancels_of_a_whole_tree_finish()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var (root, cancelRoot) = Context.WithCancel(Context.Background);
            var m = new Dictionary<Context, Action> { [root] = cancelRoot };
            var q = new Queue<Context>([root]);
            while (q.Count != 0 && m.Count < 100)
            {
                Context parent = q.Dequeue();
                for (int i = 0; i < 4; i++)
                {
                    var (ctx, cancel) = Context.WithCancel(parent);
                    m[ctx] = cancel;
                    q.Enqueue(ctx);
                }
            }

            var wg = new WaitGroup();
            wg.Add(m.Count);
            foreach (Action cancel in m.Values.OrderBy(_ => Random.Shared.Next()))
            {
                Go.go(() =>
                {
                    cancel();
                    wg.Done();
                });
            }

            foreach (Context ctx in m.Keys.OrderBy(_ => Random.Shared.Next()))
            {
                ctx.Done().Receive();
                Assert.Same(Context.Canceled, ctx.Err());
            }

            wg.Wait();
        });
    }

    /// <summary>TestInterlockedCancels: a goroutine woken by the parent's cancel cancels the child meanwhile.</summary>
    [Fact]
    public void TestInterlockedCancels_do_not_deadlock()
    {
        Deadline.Run(() =>
        {
            var (parent, cancelParent) = Context.WithCancel(Context.Background);
            var (child, cancelChild) = Context.WithCancel(parent);
            Go.go(async () =>
            {
                await parent.Done().ReceiveAsync();
                cancelChild();
            });
            cancelParent();
            child.Done().Receive();
        });
    }

    private sealed class LayerValue;

    /// <summary>TestLayersCancel / TestLayersTimeout: 30+ random layers of values, cancels and timeouts.</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void TestLayers_keep_values_and_end_by_cancel_or_timeout(int seed, bool testTimeout)
    {
        var r = new Random(seed);
        var vals = new List<LayerValue>();
        var cancels = new List<Action>();
        int numTimers = 0;
        Context ctx = Context.Background;
        for (int i = 0; i < 30 || numTimers == 0 || cancels.Count == 0 || vals.Count == 0; i++)
        {
            switch (r.Next(3))
            {
                case 0:
                    var v = new LayerValue();
                    ctx = Context.WithValue(ctx, v, v);
                    vals.Add(v);
                    break;
                case 1:
                    (ctx, Action cancel) = Context.WithCancel(ctx);
                    cancels.Add(cancel);
                    break;
                default:
                    (ctx, Action cancelTimer) = Context.WithTimeout(ctx, testTimeout ? ShortDuration : VeryLongDuration);
                    cancels.Add(cancelTimer);
                    numTimers++;
                    break;
            }
        }

        void CheckValues(string when)
        {
            foreach (LayerValue key in vals)
            {
                Assert.True(ReferenceEquals(key, ctx.Value(key)), $"seed={seed}: {when}: wrong value");
            }
        }

        if (!testTimeout)
        {
            Assert.False(IsDone(ctx), $"seed={seed}: ctx should not be canceled yet");
        }

        Assert.StartsWith("context.Background.", ctx.ToString());
        CheckValues("before cancel");
        if (testTimeout)
        {
            Context last = ctx;
            Deadline.Run(() => last.Done().Receive());
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
            CheckValues("after timeout");
        }
        else
        {
            cancels[r.Next(cancels.Count)]();
            Assert.True(IsDone(ctx), $"seed={seed}: ctx should be canceled");
            CheckValues("after cancel");
        }

        cancels.ForEach(c => c());
    }

    /// <summary>TestWithCancelCanceledParent: a child of a parent cancelled with a cause is born done with that cause.</summary>
    [Fact]
    public void TestWithCancelCanceledParent_child_is_born_done_with_the_cause()
    {
        var (parent, pcancel) = Context.WithCancelCause(Context.Background);
        var cause = new InvalidOperationException("Because!");
        pcancel(cause);

        var (c, _) = Context.WithCancel(parent);
        Assert.True(IsDone(c), "child not done immediately upon construction");
        Assert.Same(Context.Canceled, c.Err());
        Assert.Same(cause, c.Cause());
    }

    /// <summary>TestWithCancelSimultaneouslyCanceledParent: the parent is cancelled by a goroutine while the child is made.</summary>
    [Fact]
    public void TestWithCancelSimultaneouslyCanceledParent_child_gets_the_cause()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                var (parent, pcancel) = Context.WithCancelCause(Context.Background);
                var cause = new InvalidOperationException("Because!");
                Go.go(() => pcancel(cause));

                var (c, _) = Context.WithCancel(parent);
                c.Done().Receive();
                Assert.Same(Context.Canceled, c.Err());
                Assert.Same(cause, c.Cause());
            }
        });
    }

    /// <summary>TestWithValueChecksKey and TestInvalidDerivedFail: a null key or parent is an error at the call.</summary>
    [Fact]
    public void TestInvalidDerivedFail_null_parents_and_keys_throw()
    {
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => Context.WithValue(Context.Background, null!, "bar")).ParamName);
        Assert.Throws<ArgumentNullException>(() => Context.WithCancel(null!));
        Assert.Throws<ArgumentNullException>(() => Context.WithCancelCause(null!));
        Assert.Throws<ArgumentNullException>(() => Context.WithDeadline(null!, DateTime.UtcNow + ShortDuration));
        Assert.Throws<ArgumentNullException>(() => Context.WithTimeoutCause(null!, ShortDuration, null));
        Assert.Throws<ArgumentNullException>(() => Context.WithValue(null!, "foo", "bar"));
        Assert.Throws<ArgumentNullException>(() => Context.WithoutCancel(null!));
        Assert.Throws<ArgumentNullException>(() => Context.WithCancellation(null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => Context.AfterFunc(null!, () => { }));
        Assert.Throws<ArgumentNullException>(() => Context.AfterFunc(Context.Background, (Action)null!));
    }

    /// <summary>TestCause: what Err and Cause return after every kind of cancellation, in Go's table.</summary>
    [Fact]
    public void TestCause_table()
    {
        TimeSpan forever = TimeSpan.FromSeconds(1e6);
        var parentCause = new InvalidOperationException("parentCause");
        var childCause = new InvalidOperationException("childCause");
        var tooSlow = new TimeoutException("tooSlow");
        var finishedEarly = new InvalidOperationException("finishedEarly");
        var table = new (string Name, Func<Context> Ctx, Exception? Err, Exception? Cause)[]
        {
            ("Background", () => Context.Background, null, null),
            ("TODO", () => Context.TODO, null, null),
            ("WithCancel", () =>
            {
                var (ctx, cancel) = Context.WithCancel(Context.Background);
                cancel();
                return ctx;
            }, Context.Canceled, Context.Canceled),
            ("WithCancelCause", () =>
            {
                var (ctx, cancel) = Context.WithCancelCause(Context.Background);
                cancel(parentCause);
                return ctx;
            }, Context.Canceled, parentCause),
            ("WithCancelCause nil", () =>
            {
                var (ctx, cancel) = Context.WithCancelCause(Context.Background);
                cancel(null);
                return ctx;
            }, Context.Canceled, Context.Canceled),
            ("WithCancelCause: parent cause before child", () =>
            {
                var (ctx, cancelParent) = Context.WithCancelCause(Context.Background);
                (ctx, var cancelChild) = Context.WithCancelCause(ctx);
                cancelParent(parentCause);
                cancelChild(childCause);
                return ctx;
            }, Context.Canceled, parentCause),
            ("WithCancelCause: parent cause after child", () =>
            {
                var (ctx, cancelParent) = Context.WithCancelCause(Context.Background);
                (ctx, var cancelChild) = Context.WithCancelCause(ctx);
                cancelChild(childCause);
                cancelParent(parentCause);
                return ctx;
            }, Context.Canceled, childCause),
            ("WithCancelCause: parent cause before nil", () =>
            {
                var (ctx, cancelParent) = Context.WithCancelCause(Context.Background);
                (ctx, var cancelChild) = Context.WithCancel(ctx);
                cancelParent(parentCause);
                cancelChild();
                return ctx;
            }, Context.Canceled, parentCause),
            ("WithCancelCause: parent cause after nil", () =>
            {
                var (ctx, cancelParent) = Context.WithCancelCause(Context.Background);
                (ctx, var cancelChild) = Context.WithCancel(ctx);
                cancelChild();
                cancelParent(parentCause);
                return ctx;
            }, Context.Canceled, Context.Canceled),
            ("WithCancelCause: child cause after nil", () =>
            {
                var (ctx, cancelParent) = Context.WithCancel(Context.Background);
                (ctx, var cancelChild) = Context.WithCancelCause(ctx);
                cancelParent();
                cancelChild(childCause);
                return ctx;
            }, Context.Canceled, Context.Canceled),
            ("WithCancelCause: child cause before nil", () =>
            {
                var (ctx, cancelParent) = Context.WithCancel(Context.Background);
                (ctx, var cancelChild) = Context.WithCancelCause(ctx);
                cancelChild(childCause);
                cancelParent();
                return ctx;
            }, Context.Canceled, childCause),
            ("WithTimeout", () =>
            {
                var (ctx, cancel) = Context.WithTimeout(Context.Background, TimeSpan.Zero);
                cancel();
                return ctx;
            }, Context.DeadlineExceeded, Context.DeadlineExceeded),
            ("WithTimeout canceled", () =>
            {
                var (ctx, cancel) = Context.WithTimeout(Context.Background, forever);
                cancel();
                return ctx;
            }, Context.Canceled, Context.Canceled),
            ("WithTimeoutCause", () =>
            {
                var (ctx, cancel) = Context.WithTimeoutCause(Context.Background, TimeSpan.Zero, tooSlow);
                cancel();
                return ctx;
            }, Context.DeadlineExceeded, tooSlow),
            ("WithTimeoutCause canceled", () =>
            {
                var (ctx, cancel) = Context.WithTimeoutCause(Context.Background, forever, tooSlow);
                cancel();
                return ctx;
            }, Context.Canceled, Context.Canceled),
            ("WithTimeoutCause stacked", () =>
            {
                var (ctx, cancel) = Context.WithCancelCause(Context.Background);
                (ctx, _) = Context.WithTimeoutCause(ctx, TimeSpan.Zero, tooSlow);
                cancel(finishedEarly);
                return ctx;
            }, Context.DeadlineExceeded, tooSlow),
            ("WithTimeoutCause stacked canceled", () =>
            {
                var (ctx, cancel) = Context.WithCancelCause(Context.Background);
                (ctx, _) = Context.WithTimeoutCause(ctx, forever, tooSlow);
                cancel(finishedEarly);
                return ctx;
            }, Context.Canceled, finishedEarly),
            ("WithoutCancel", () => Context.WithoutCancel(Context.Background), null, null),
            ("WithoutCancel canceled", () =>
            {
                var (ctx, cancel) = Context.WithCancelCause(Context.Background);
                ctx = Context.WithoutCancel(ctx);
                cancel(finishedEarly);
                return ctx;
            }, null, null),
            ("WithoutCancel timeout", () =>
            {
                var (ctx, cancel) = Context.WithTimeoutCause(Context.Background, TimeSpan.Zero, tooSlow);
                ctx = Context.WithoutCancel(ctx);
                cancel();
                return ctx;
            }, null, null),
        };

        foreach (var test in table)
        {
            Context ctx = test.Ctx();
            AssertSame($"{test.Name}: Err", test.Err, ctx.Err());
            AssertSame($"{test.Name}: Cause", test.Cause, ctx.Cause());
        }
    }

    /// <summary>WithDeadlineCause: the cause of a deadline set as a time, also when the parent's deadline fires first.</summary>
    [Fact]
    public void WithDeadlineCause_sets_the_cause_only_of_its_own_deadline()
    {
        var tooSlow = new TimeoutException("tooSlow");
        var (ctx, cancel) = Context.WithDeadlineCause(Context.Background, DateTime.UtcNow - ShortDuration, tooSlow);
        Assert.Same(Context.DeadlineExceeded, ctx.Err());
        Assert.Same(tooSlow, ctx.Cause());
        cancel();
        Assert.Same(tooSlow, ctx.Cause());

        // A later deadline than the parent's makes a plain cancellable child: the parent's
        // deadline, not the child's cause, ends it (Go returns WithCancel(parent) here).
        var (parent, cancelParent) = Context.WithTimeout(Context.Background, ShortDuration);
        var (child, cancelChild) = Context.WithDeadlineCause(parent, DateTime.UtcNow + VeryLongDuration, tooSlow);
        Assert.Equal(parent.Deadline, child.Deadline);
        Assert.StartsWith("context.Background.WithDeadline(", child.ToString());
        Assert.EndsWith(".WithCancel", child.ToString());
        Deadline.Run(() => child.Done().Receive());
        Assert.Same(Context.DeadlineExceeded, child.Err());
        Assert.Same(Context.DeadlineExceeded, child.Cause());
        cancelChild();
        cancelParent();
    }

    /// <summary>TestCauseRace: Cause, polled while another goroutine cancels, is either null or the whole cause.</summary>
    [Fact]
    public void TestCauseRace_Cause_is_published_with_the_error()
    {
        Deadline.Run(() =>
        {
            for (int round = 0; round < 100; round++)
            {
                var cause = new InvalidOperationException("TestCauseRace");
                var (ctx, cancel) = Context.WithCancelCause(Context.Background);
                Go.go(() => cancel(cause));
                while (true)
                {
                    if (ctx.Cause() is { } err)
                    {
                        Assert.Same(cause, err);
                        break;
                    }

                    Thread.Yield();
                }
            }
        });
    }

    /// <summary>TestWithoutCancel: no deadline, nil Done, no error, the parent's values; its String form.</summary>
    [Fact]
    public void TestWithoutCancel_keeps_values_and_drops_everything_else()
    {
        var (timed, cancel) = Context.WithTimeout(Context.WithValue(Context.Background, "key", "value"), VeryLongDuration);
        Context ctx = Context.WithoutCancel(timed);
        Assert.Null(ctx.Deadline);
        Assert.True(ctx.Done().IsNil);
        Assert.Null(ctx.Err());
        Assert.Equal("value", ctx.Value("key"));
        Assert.Equal(CancellationToken.None, ctx.CancellationToken);
        Assert.EndsWith(".WithoutCancel", ctx.ToString());

        cancel();
        Assert.Null(ctx.Err());
        Assert.Null(ctx.Cause());
        Assert.Equal("value", ctx.Value("key"));

        // Children of it are not linked to anything: cancelling them is all that ends them.
        var (child, cancelChild) = Context.WithCancel(ctx);
        Assert.Null(child.Err());
        Assert.Null(child.Deadline);
        cancelChild();
        Assert.Same(Context.Canceled, child.Err());
    }

    /// <summary>TestCustomContextPropagation: a user context with its own Done channel is watched, and passes on the inner cause.</summary>
    [Fact]
    public void TestCustomContextPropagation_through_a_user_done_channel()
    {
        var cause = new InvalidOperationException("TestCustomContextPropagation");
        var donec = new Chan<Unit>();
        var (ctx1, cancel1) = Context.WithCancelCause(Context.Background);
        var ctx2 = new CustomDoneContext(ctx1, donec);
        var (ctx3, cancel3) = Context.WithCancel(ctx2);

        cancel1(cause);
        Assert.Null(ctx3.Err()); // ctx2 is not done until its own channel closes
        donec.Close();

        Deadline.Run(() => ctx3.Done().Receive());
        Assert.Same(Context.Canceled, ctx3.Err());
        Assert.Same(cause, ctx3.Cause());
        cancel3();
    }

    /// <summary>TestCustomContextCause: Err and Cause of a context from scratch, and of GoSharp children of it.</summary>
    [Fact]
    public void TestCustomContextCause_of_user_contexts_and_their_children()
    {
        // A custom context cancelled on its own: Err and Cause are Canceled.
        var ccc = new CustomCauseContext();
        ccc.Cancel();
        Assert.Same(Context.Canceled, ccc.Err());
        Assert.Same(Context.Canceled, ccc.Cause());

        // A WithCancelCause child cancelled with a cause: the child has it, the custom parent is untouched.
        ccc = new CustomCauseContext();
        var (ctx, causeFunc) = Context.WithCancelCause(ccc);
        var cause = new InvalidOperationException("TestCustomContextCause");
        causeFunc(cause);
        Assert.Same(Context.Canceled, ctx.Err());
        Assert.Same(cause, ctx.Cause());
        Assert.Null(ccc.Err());
        Assert.Null(ccc.Cause());

        // Then cancelling the custom parent changes nothing for the child.
        ccc.Cancel();
        Assert.Same(Context.Canceled, ctx.Err());
        Assert.Same(cause, ctx.Cause());
        Assert.Same(Context.Canceled, ccc.Err());
        Assert.Same(Context.Canceled, ccc.Cause());

        // A custom context that cancels its child itself.
        ccc = new CustomCauseContext();
        var (child, cancelFunc) = Context.WithCancel(ccc);
        ccc.SetCancelChild(cancelFunc);
        ccc.Cancel();
        Assert.Same(Context.Canceled, child.Err());
        Assert.Same(Context.Canceled, child.Cause());
        Assert.Same(Context.Canceled, ccc.Err());
        Assert.Same(Context.Canceled, ccc.Cause());
    }

    /// <summary>XTestParentFinishesChild: the parent's child set holds exactly its cancellable children, and is emptied by cancel.</summary>
    [Fact]
    public void XTestParentFinishesChild_links_and_unlinks_children()
    {
        var (parent, cancel) = Context.WithCancel(Context.Background);
        var (cancelChild, stop1) = Context.WithCancel(parent);
        Context valueChild = Context.WithValue(parent, "key", "value");
        var (timerChild, stop2) = Context.WithTimeout(valueChild, VeryLongDuration);
        var afterChildStop = Context.AfterFunc(parent, () => { });

        Assert.False(IsDone(parent) || IsDone(cancelChild) || IsDone(valueChild) || IsDone(timerChild));
        var pc = (CancelContext)parent;
        Assert.Equal(3, pc.ChildCount); // cancelChild, timerChild (through the value) and the AfterFunc

        cancel();
        Assert.Equal(0, pc.ChildCount);
        foreach (Context c in new[] { parent, cancelChild, valueChild, timerChild })
        {
            Assert.True(IsDone(c));
            Assert.Same(Context.Canceled, c.Err());
        }

        // A value child of a cancelled parent is done.
        Context precanceled = Context.WithValue(parent, "key", "value");
        Assert.True(IsDone(precanceled));
        Assert.Same(Context.Canceled, precanceled.Err());
        Assert.False(afterChildStop()); // the AfterFunc was started by the cancel
        stop1();
        stop2();
    }

    /// <summary>XTestChildFinishesFirst: a child cancelled first leaves its parent's child set and its parent live.</summary>
    [Fact]
    public void XTestChildFinishesFirst_parent_forgets_the_child_and_lives_on()
    {
        var (cancelable, stop) = Context.WithCancel(Context.Background);
        foreach (Context parent in new[] { Context.Background, cancelable })
        {
            var (child, cancel) = Context.WithCancel(parent);
            Assert.False(IsDone(parent) || IsDone(child));
            var pc = parent as CancelContext;
            Assert.Equal(pc is null ? 0 : 1, pc?.ChildCount ?? 0);

            cancel();
            Assert.Equal(0, pc?.ChildCount ?? 0);
            Assert.True(IsDone(child));
            Assert.Same(Context.Canceled, child.Err());
            Assert.False(IsDone(parent));
            Assert.Null(parent.Err());
        }

        stop();
    }

    /// <summary>XTestCancelRemoves: WithCancel, WithTimeout and AfterFunc children each leave the set when cancelled or stopped.</summary>
    [Fact]
    public void XTestCancelRemoves_every_kind_of_child()
    {
        var (ctx, _) = Context.WithCancel(Context.Background);
        var pc = (CancelContext)ctx;
        Assert.Equal(0, pc.ChildCount);
        var (_, cancel) = Context.WithCancel(ctx);
        Assert.Equal(1, pc.ChildCount);
        cancel();
        Assert.Equal(0, pc.ChildCount);

        (_, cancel) = Context.WithTimeout(ctx, TimeSpan.FromMinutes(60));
        Assert.Equal(1, pc.ChildCount);
        cancel();
        Assert.Equal(0, pc.ChildCount);

        Func<bool> stop = Context.AfterFunc(ctx, () => { });
        Assert.Equal(1, pc.ChildCount);
        Assert.True(stop());
        Assert.Equal(0, pc.ChildCount);
    }

    /// <summary>
    /// XTestCustomContextGoroutines: a watcher goroutine is started only for a parent GoSharp
    /// cannot register with: one whose Done is not the channel of the context it wraps.
    /// </summary>
    [Fact]
    public void XTestCustomContextGoroutines_only_where_no_registration_is_possible()
    {
        long g = CancelContext.WatchersStarted;
        void CheckNoGoroutine() => Assert.Equal(g, CancelContext.WatchersStarted);
        void CheckCreatedGoroutine()
        {
            Assert.Equal(g + 1, CancelContext.WatchersStarted);
            g++;
        }

        var (_, cancel0) = Context.WithCancel(new MyDoneContext(Context.Background));
        cancel0();
        CheckCreatedGoroutine();

        (_, cancel0) = Context.WithTimeout(new MyDoneContext(Context.Background), VeryLongDuration);
        cancel0();
        CheckCreatedGoroutine();
        CheckNoGoroutine();

        var (ctx1, cancel1) = Context.WithCancel(Context.Background);
        CheckNoGoroutine();

        var ctx2 = new OtherContext(ctx1);
        var (ctx3, cancel3) = Context.WithCancel(ctx2);
        CheckNoGoroutine();
        Assert.Equal(1, ((CancelContext)ctx1).ChildCount); // registered straight through the wrapper

        var (_, cancel3b) = Context.WithCancel(new MyDoneContext(ctx2));
        CheckCreatedGoroutine(); // ctx1 is not providing Done, must not be used

        var (ctx4, cancel4) = Context.WithTimeout(ctx3, VeryLongDuration);
        CheckNoGoroutine();

        var (ctx5, cancel5) = Context.WithCancel(ctx4);
        CheckNoGoroutine();
        cancel5();
        CheckNoGoroutine();

        var (_, cancel6) = Context.WithTimeout(ctx5, VeryLongDuration);
        CheckNoGoroutine();

        // Applied to cancelled contexts.
        cancel6();
        cancel1();
        var (_, cancel7) = Context.WithCancel(ctx5);
        CheckNoGoroutine();

        foreach (Action c in new[] { cancel3, cancel3b, cancel4, cancel7 })
        {
            c();
        }

        CheckNoGoroutine();
    }
}
