using GoSharp.Tests.Support;

namespace GoSharp.Tests.Contexts;

/// <summary>
/// Go 1.21's <c>context.AfterFunc</c>: the TestAfterFunc* tests of src/context/x_test.go and the
/// custom-context tests of src/context/afterfunc_test.go, ported, and the overload for goroutine code.
/// </summary>
public class GoAfterFuncPortTests
{
    private static readonly TimeSpan ShortDuration = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan VeryLongDuration = TimeSpan.FromHours(1000);

    private static bool IsClosed(Chan<Unit> c) => Go.Select(c.OnReceive(), Go.Default) == 0;

    /// <summary>TestAfterFuncCalledAfterCancel: f runs once the context is cancelled, and stop then reports false.</summary>
    [Fact]
    public void TestAfterFuncCalledAfterCancel()
    {
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        var donec = new Chan<Unit>();
        Func<bool> stop = Context.AfterFunc(ctx, donec.Close);
        Assert.False(IsClosed(donec), "AfterFunc called before context is done");

        cancel();
        Deadline.Run(() => donec.Receive());
        Assert.False(stop());
    }

    /// <summary>TestAfterFuncCalledAfterTimeout: a deadline starts it too.</summary>
    [Fact]
    public void TestAfterFuncCalledAfterTimeout()
    {
        var (ctx, cancel) = Context.WithTimeout(Context.Background, ShortDuration);
        var donec = new Chan<Unit>();
        Context.AfterFunc(ctx, donec.Close);
        Deadline.Run(() => donec.Receive());
        cancel();
    }

    /// <summary>TestAfterFuncCalledImmediately: for a context already done, f is started at once.</summary>
    [Fact]
    public void TestAfterFuncCalledImmediately()
    {
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        cancel();
        var donec = new Chan<Unit>();
        Func<bool> stop = Context.AfterFunc(ctx, donec.Close);
        Assert.False(stop()); // already started
        Deadline.Run(() => donec.Receive());
    }

    /// <summary>TestAfterFuncNotCalledAfterStop: stop first, and the cancellation has nothing left to start.</summary>
    [Fact]
    public void TestAfterFuncNotCalledAfterStop()
    {
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        int calls = 0;
        Func<bool> stop = Context.AfterFunc(ctx, () => Interlocked.Increment(ref calls));
        Assert.Equal(1, ((CancelContext)ctx).ChildCount);

        Assert.True(stop());
        Assert.Equal(0, ((CancelContext)ctx).ChildCount); // f was only reachable from there
        cancel();
        Assert.False(stop());
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    /// <summary>TestAfterFuncCalledAsynchronously: cancel does not wait for f, which blocks until the canceller reads.</summary>
    [Fact]
    public void TestAfterFuncCalledAsynchronously()
    {
        Deadline.Run(() =>
        {
            var (ctx, cancel) = Context.WithCancel(Context.Background);
            var donec = new Chan<Unit>();
            Func<bool> stop = Context.AfterFunc(ctx, () => donec.Send(default));
            cancel(); // would never return if it ran f itself
            donec.Receive();
            Assert.False(stop());
        });
    }

    /// <summary>Calls on one context are independent: stopping one leaves the others to run.</summary>
    [Fact]
    public void AfterFuncs_on_one_context_are_independent()
    {
        var (ctx, cancel) = Context.WithCancel(Context.Background);
        var first = new Chan<Unit>();
        var second = new Chan<Unit>();
        int stoppedCalls = 0;
        Context.AfterFunc(ctx, first.Close);
        Func<bool> stopMiddle = Context.AfterFunc(ctx, () => Interlocked.Increment(ref stoppedCalls));
        Context.AfterFunc(ctx, second.Close);

        Assert.True(stopMiddle());
        cancel();
        Deadline.Run(() =>
        {
            first.Receive();
            second.Receive();
        });
        Assert.Equal(0, Volatile.Read(ref stoppedCalls));
    }

    /// <summary>The Func&lt;GoTask&gt; overload runs goroutine code: it parks on a channel instead of blocking a thread.</summary>
    [Fact]
    public void AfterFunc_with_goroutine_code_parks()
    {
        using var _ = MaxProcs.Set(1);
        var (ctx, cancel) = Context.WithCancel(Context.WithValue(Context.Background, "k", "v"));
        var gate = new Chan<string>();
        var result = new Chan<string>(1);
        Context.AfterFunc(ctx, async () =>
        {
            string got = await gate.ReceiveAsync(); // throws if not goroutine code
            await result.SendAsync($"{got} after {ctx.Err()!.Message}");
        });

        cancel();
        Deadline.Run(() =>
        {
            gate.Send("released");
            Assert.Equal("released after context canceled", result.Receive());
        });
    }

    /// <summary>Stop racing the cancellation: f runs exactly when stop reports false.</summary>
    [Fact]
    public void Stop_racing_cancel_decides_exactly_once()
    {
        using var _ = MaxProcs.Set(2);
        const int rounds = 2000;
        int ran = 0, stopFailed = 0;
        Deadline.Run(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                var (ctx, cancel) = Context.WithCancel(Context.Background);
                Func<bool> stop = Context.AfterFunc(ctx, () => Interlocked.Increment(ref ran));
                var stopped = new Chan<bool>(1);
                Go.go(() => stopped.Send(stop()));
                cancel();
                if (!stopped.Receive())
                {
                    stopFailed++;
                }
            }
        });

        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref ran) == stopFailed),
            $"{Volatile.Read(ref ran)} functions ran, {stopFailed} stops reported false");
    }

    /// <summary>
    /// TestCustomContextAfterFuncCancel and TestCustomContextAfterFuncTimeout: a child learns of
    /// the custom parent's end through its AfterFunc alone.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TestCustomContextAfterFuncCancel_and_Timeout(bool withTimeout)
    {
        var ctx0 = new AfterFuncTestContext();
        var (ctx1, cancel) = withTimeout ? Context.WithTimeout(ctx0, VeryLongDuration) : Context.WithCancel(ctx0);
        ctx0.Cancel(Context.Canceled);
        Deadline.Run(() => ctx1.Done().Receive());
        Assert.Same(Context.Canceled, ctx1.Err());
        cancel();
    }

    /// <summary>TestCustomContextAfterFuncAfterFunc: Context.AfterFunc on such a context goes through its AfterFunc.</summary>
    [Fact]
    public void TestCustomContextAfterFuncAfterFunc()
    {
        var ctx0 = new AfterFuncTestContext();
        var donec = new Chan<Unit>();
        Func<bool> stop = Context.AfterFunc(ctx0, donec.Close);
        Assert.Equal(1, ctx0.AfterFuncCount);
        ctx0.Cancel(Context.Canceled);
        Deadline.Run(() => donec.Receive());
        stop();
    }

    /// <summary>TestCustomContextAfterFuncUnregisterCancel: children cancelled first unregister from the custom parent.</summary>
    [Fact]
    public void TestCustomContextAfterFuncUnregisterCancel()
    {
        long watchers = CancelContext.WatchersStarted;
        var ctx0 = new AfterFuncTestContext();
        var (_, cancel1) = Context.WithCancel(ctx0);
        var (_, cancel2) = Context.WithCancel(ctx0);
        Assert.Equal(2, ctx0.AfterFuncCount);
        cancel1();
        cancel2();
        Assert.Equal(0, ctx0.AfterFuncCount);
        Assert.Equal(watchers, CancelContext.WatchersStarted); // no goroutine was needed
    }

    /// <summary>TestCustomContextAfterFuncUnregisterTimeout: the same for WithTimeout.</summary>
    [Fact]
    public void TestCustomContextAfterFuncUnregisterTimeout()
    {
        var ctx0 = new AfterFuncTestContext();
        var (_, cancel) = Context.WithTimeout(ctx0, VeryLongDuration);
        Assert.Equal(1, ctx0.AfterFuncCount);
        cancel();
        Assert.Equal(0, ctx0.AfterFuncCount);
    }

    /// <summary>TestCustomContextAfterFuncUnregisterAfterFunc: stop unregisters from the custom context.</summary>
    [Fact]
    public void TestCustomContextAfterFuncUnregisterAfterFunc()
    {
        var ctx0 = new AfterFuncTestContext();
        Func<bool> stop = Context.AfterFunc(ctx0, () => { });
        Assert.Equal(1, ctx0.AfterFuncCount);
        Assert.True(stop());
        Assert.Equal(0, ctx0.AfterFuncCount);
    }

    /// <summary>
    /// The contract the generator relies on to make a lambda passed to AfterFunc goroutine code:
    /// the delegate parameter is marked, and an overload takes the async delegate type in its place.
    /// </summary>
    [Fact]
    public void AfterFunc_marks_its_function_as_goroutine_code_with_an_async_overload()
    {
        var overloads = typeof(Context).GetMethods().Where(m => m.Name == nameof(Context.AfterFunc)).ToList();
        Assert.Equal(
            [typeof(Action), typeof(Func<GoTask>)],
            overloads.Select(m => m.GetParameters()[1].ParameterType).OrderBy(t => t.Name.Length));
        Assert.All(overloads, m =>
        {
            Assert.Equal(typeof(Context), m.GetParameters()[0].ParameterType);
            Assert.NotNull(m.GetParameters()[1].GetCustomAttributes(typeof(GoroutineCodeAttribute), inherit: false).SingleOrDefault());
        });
    }
}
