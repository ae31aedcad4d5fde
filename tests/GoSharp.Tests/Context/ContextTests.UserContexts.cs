using GoSharp.Tests.Support;

namespace GoSharp.Tests.Contexts;

public partial class ContextTests
{
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
