using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// Contexts: deriving and cancelling a child from each kind of parent (a GoSharp context, a
/// context of the user's that wraps one, a context of the user's with its own Done channel, which
/// costs a watcher goroutine), an AfterFunc stopped before it runs, and reading Err, Done and a
/// Value through eight value layers. One operation is one derive-and-cancel or one read.
/// </summary>
[MemoryDiagnoser]
public class ContextBenchmarks : BenchBase
{
    private static readonly object BottomKey = new();

    private Context _live = null!;
    private Action _cancelLive = null!;
    private Context _wrapper = null!;
    private Context _ownDone = null!;
    private Context _deep = null!;

    /// <summary>A context of the user's that passes everything on to the one it wraps (Go's <c>struct{ context.Context }</c>).</summary>
    private sealed class Wrapper(Context inner) : Context
    {
        public override DateTime? Deadline => inner.Deadline;

        public override ReceiveOnlyChan<Unit> Done() => inner.Done();

        public override Exception? Err() => inner.Err();

        public override object? Value(object key) => inner.Value(key);
    }

    /// <summary>A context of the user's with a Done channel of its own: GoSharp can only watch it with a goroutine.</summary>
    private sealed class OwnDone(Context inner) : Context
    {
        private readonly Chan<Unit> _done = new();

        public override DateTime? Deadline => inner.Deadline;

        public override ReceiveOnlyChan<Unit> Done() => _done;

        public override Exception? Err() => null;

        public override object? Value(object key) => inner.Value(key);
    }

    /// <summary>The contexts every benchmark reads, made once (the scheduler is started by <see cref="BenchBase"/>).</summary>
    public ContextBenchmarks()
    {
        (_live, _cancelLive) = Context.WithCancel(Context.Background);
        _wrapper = new Wrapper(_live);
        _ownDone = new OwnDone(Context.Background);
        _deep = Context.WithValue(_live, BottomKey, 1);
        for (int i = 0; i < 7; i++)
        {
            _deep = Context.WithValue(_deep, new object(), i);
        }

        _ = _deep.Done(); // made once, as a select on it would
    }

    [GlobalCleanup]
    public void Cleanup() => _cancelLive();

    /// <summary>WithCancel under a live GoSharp context, then cancel: joins and leaves its child set.</summary>
    [Benchmark]
    public Exception? WithCancel_Cancel()
    {
        var (ctx, cancel) = Context.WithCancel(_live);
        cancel();
        return ctx.Err();
    }

    /// <summary>The same under the user's wrapper: found through Value, registered directly.</summary>
    [Benchmark]
    public Exception? WithCancel_Cancel_UserWrapper()
    {
        var (ctx, cancel) = Context.WithCancel(_wrapper);
        cancel();
        return ctx.Err();
    }

    /// <summary>The same under a user context with its own Done: a watcher goroutine starts and ends.</summary>
    [Benchmark]
    public Exception? WithCancel_Cancel_UserDone()
    {
        var (ctx, cancel) = Context.WithCancel(_ownDone);
        cancel();
        return ctx.Err();
    }

    /// <summary>WithTimeout (a runtime timer armed) then cancel (the timer stopped).</summary>
    [Benchmark]
    public Exception? WithTimeout_Cancel()
    {
        var (ctx, cancel) = Context.WithTimeout(_live, TimeSpan.FromHours(1));
        cancel();
        return ctx.Err();
    }

    /// <summary>AfterFunc on a live context, stopped before the context ends.</summary>
    [Benchmark]
    public bool AfterFunc_Stop() => Context.AfterFunc(_live, static () => { })();

    /// <summary>Err through eight value layers.</summary>
    [Benchmark]
    public Exception? Err_Deep() => _deep.Err();

    /// <summary>Done through eight value layers (the channel exists).</summary>
    [Benchmark]
    public bool Done_Deep() => _deep.Done().IsNil;

    /// <summary>The bottom value through eight value layers.</summary>
    [Benchmark]
    public object? Value_Deep() => _deep.Value(BottomKey);
}
