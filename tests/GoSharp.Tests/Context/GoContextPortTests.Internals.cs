using GoSharp.Tests.Support;

namespace GoSharp.Tests.Contexts;

public partial class GoContextPortTests
{
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
