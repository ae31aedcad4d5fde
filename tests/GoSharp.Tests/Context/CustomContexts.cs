namespace GoSharp.Tests.Contexts;

// The context types Go's context tests define, written as a user of GoSharp would write them.

/// <summary>Go's <c>otherContext</c> / <c>myCtx</c>: a user type that embeds a context and adds nothing.</summary>
internal sealed class OtherContext(Context inner) : Context
{
    public override DateTime? Deadline => inner.Deadline;

    public override ReceiveOnlyChan<Unit> Done() => inner.Done();

    public override Exception? Err() => inner.Err();

    public override object? Value(object key) => inner.Value(key);
}

/// <summary>Go's <c>myDoneCtx</c>: embeds a context but answers Done with a fresh channel nobody closes.</summary>
internal sealed class MyDoneContext(Context inner) : Context
{
    public override DateTime? Deadline => inner.Deadline;

    public override ReceiveOnlyChan<Unit> Done() => new Chan<Unit>();

    public override Exception? Err() => inner.Err();

    public override object? Value(object key) => inner.Value(key);
}

/// <summary>Go's <c>customDoneContext</c>: embeds a context but has a done channel of its own.</summary>
internal sealed class CustomDoneContext(Context inner, Chan<Unit> done) : Context
{
    public override DateTime? Deadline => inner.Deadline;

    public override ReceiveOnlyChan<Unit> Done() => done;

    public override Exception? Err() => inner.Err();

    public override object? Value(object key) => inner.Value(key);
}

/// <summary>Go's <c>customCauseContext</c>: a context from scratch, cancelled by its own <see cref="Cancel"/>.</summary>
internal sealed class CustomCauseContext : Context
{
    private readonly object _mu = new();
    private readonly Chan<Unit> _done = new();
    private Exception? _err;
    private Action? _cancelChild;

    public override DateTime? Deadline => null;

    public override ReceiveOnlyChan<Unit> Done()
    {
        lock (_mu)
        {
            return _done;
        }
    }

    public override Exception? Err()
    {
        lock (_mu)
        {
            return _err;
        }
    }

    public override object? Value(object key) => null;

    public void Cancel()
    {
        Action? cancelChild;
        lock (_mu)
        {
            _err = Canceled;
            _done.Close();
            cancelChild = _cancelChild;
        }

        cancelChild?.Invoke();
    }

    public void SetCancelChild(Action cancelChild) => _cancelChild = cancelChild;
}

/// <summary>
/// Go's <c>afterFuncContext</c> (afterfunc_test.go): a context from scratch that can call
/// functions when cancelled. Its cancel does not even close Done: children learn of it only
/// through <see cref="AfterFunc"/>.
/// </summary>
internal sealed class AfterFuncTestContext : Context, IAfterFuncContext
{
    private readonly object _mu = new();
    private Dictionary<object, Action>? _afterFuncs;
    private Chan<Unit>? _done;
    private Exception? _err;

    public int AfterFuncCount
    {
        get
        {
            lock (_mu)
            {
                return _afterFuncs?.Count ?? 0;
            }
        }
    }

    public override DateTime? Deadline => null;

    public override ReceiveOnlyChan<Unit> Done()
    {
        lock (_mu)
        {
            return _done ??= new Chan<Unit>();
        }
    }

    public override Exception? Err()
    {
        lock (_mu)
        {
            return _err;
        }
    }

    public override object? Value(object key) => null;

    public Func<bool> AfterFunc(Action f)
    {
        lock (_mu)
        {
            var k = new object();
            (_afterFuncs ??= new Dictionary<object, Action>())[k] = f;
            return () =>
            {
                lock (_mu)
                {
                    return _afterFuncs?.Remove(k) ?? false;
                }
            };
        }
    }

    public void Cancel(Exception err)
    {
        lock (_mu)
        {
            if (_err is not null)
            {
                return;
            }

            _err = err;
            foreach (Action f in _afterFuncs?.Values ?? Enumerable.Empty<Action>())
            {
                Go.go(f);
            }

            _afterFuncs = null;
        }
    }
}
