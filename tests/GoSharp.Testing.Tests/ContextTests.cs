namespace GoSharp.Testing.Tests;

/// <summary>Context deadlines run on the bubble's clock: Go's synctest examples for context, ported.</summary>
public partial class ContextTests
{
    // Go: the package documentation's TestContextWithTimeout (one tick is .NET's nanosecond).
    [Fact]
    public void A_context_with_a_timeout_is_cancelled_exactly_at_its_deadline() =>
        SyncTest.Run(() =>
        {
            TimeSpan timeout = TimeSpan.FromSeconds(5);
            var (ctx, cancel) = Context.WithTimeout(Context.Background, timeout);
            using var _ = Defer(cancel);

            // Wait just less than the timeout.
            Sleep(timeout - TimeSpan.FromTicks(1));
            SyncTest.Wait();
            Assert.Null(ctx.Err());

            // Wait the rest of the way until the timeout.
            Sleep(TimeSpan.FromTicks(1));
            SyncTest.Wait();
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
        });

    // Go: the package documentation's TestContextAfterFunc, with a goroutine waiting on Done.
    [Fact]
    public void A_goroutine_waiting_for_a_context_runs_only_once_it_is_cancelled() =>
        SyncTest.Run(() =>
        {
            var (ctx, cancel) = Context.WithCancel(Context.Background);
            bool afterFuncCalled = false;
            go(() =>
            {
                ctx.Done().Receive();
                afterFuncCalled = true;
            });

            SyncTest.Wait();
            Assert.False(afterFuncCalled, "before context is canceled: AfterFunc called");

            cancel();
            SyncTest.Wait();
            Assert.True(afterFuncCalled, "after context is canceled: AfterFunc not called");
        });

    [Fact]
    public void Deadlines_are_bubble_times_and_a_day_of_them_passes_at_once() =>
        SyncTest.Run(() =>
        {
            DateTime start = SyncTest.Now;
            var (ctx, cancel) = Context.WithDeadline(Context.Background, start.AddDays(1));
            using var _ = Defer(cancel);
            Assert.Equal(start.AddDays(1), ctx.Deadline);
            var (child, cancelChild) = Context.WithTimeout(ctx, TimeSpan.FromDays(2)); // the parent's deadline comes first
            using var __ = Defer(cancelChild);
            Assert.Equal(start.AddDays(1), child.Deadline);
            child.Done().Receive();
            Assert.Equal(start.AddDays(1), SyncTest.Now);
            Assert.Same(Context.DeadlineExceeded, child.Err());
        });

    [Fact]
    public void A_deadline_already_passed_in_bubble_time_cancels_at_once() =>
        SyncTest.Run(() =>
        {
            Sleep(TimeSpan.FromHours(1));
            var (ctx, cancel) = Context.WithDeadline(Context.Background, new DateTime(2000, 1, 1, 0, 30, 0, DateTimeKind.Utc));
            using var _ = Defer(cancel);
            Assert.Same(Context.DeadlineExceeded, ctx.Err());
        });
}
