using GoSharp.Tests.Support;

namespace GoSharp.Tests.Contexts;

public partial class GoContextPortTests
{
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
}
