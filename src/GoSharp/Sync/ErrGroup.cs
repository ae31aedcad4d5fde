using GoSharp.CompilerServices;

namespace GoSharp;

/// <summary>
/// A group of goroutines working on subtasks of a common task (Go's
/// <c>golang.org/x/sync/errgroup.Group</c>): <see cref="Go(Action)"/> starts each, <see cref="Wait"/>
/// waits for all and returns the first failure. A function fails by throwing; the first exception
/// wins, later ones are ignored. A group made by <see cref="WithContext"/> also cancels its
/// context on the first failure and when <see cref="Wait"/> returns.
/// </summary>
/// <remarks>
/// A zero group (<c>new ErrGroup()</c>) is valid, has no limit and cancels nothing. Every blocking
/// method has a parking form named <c>…Async</c> for goroutine code.
/// </remarks>
public sealed class ErrGroup
{
    private readonly Action<Exception?>? _cancel;
    private readonly WaitGroup _wg = new();
    private Chan<Unit>? _sem;
    private Exception? _err;

    /// <summary>Creates a group with no limit and no context.</summary>
    public ErrGroup()
    {
    }

    private ErrGroup(Action<Exception?> cancel)
    {
        _cancel = cancel;
    }

    /// <summary>
    /// A new group and a context derived from <paramref name="parent"/> (Go's
    /// <c>errgroup.WithContext</c>). The context is cancelled the first time a function started
    /// by the group fails, or when <see cref="Wait"/> returns, whichever is first; its
    /// <see cref="Context.Cause"/> is then the first failure.
    /// </summary>
    public static (ErrGroup Group, Context Ctx) WithContext(Context parent)
    {
        (Context ctx, Action<Exception?> cancel) = Context.WithCancelCause(parent);
        return (new ErrGroup(cancel), ctx);
    }

    /// <summary>
    /// Runs <paramref name="f"/> in a new goroutine. If the group has a limit and it is reached,
    /// blocks until a running function returns. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    [AwaitableForm(nameof(GoAsync))]
    public void Go([GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Chan<Unit>? sem = _sem;
        sem?.Send(default);
        Start(f, sem);
    }

    /// <summary>Runs goroutine code <paramref name="f"/> in a new goroutine; see <see cref="Go(Action)"/>.</summary>
    [AwaitableForm(nameof(GoAsync))]
    public void Go([GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Chan<Unit>? sem = _sem;
        sem?.Send(default);
        Start(f, sem);
    }

    /// <summary>The parking form of <see cref="Go(Action)"/>: <c>await g.GoAsync(f);</c>.</summary>
    public async GoTask GoAsync([GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Chan<Unit>? sem = _sem;
        if (sem is not null)
        {
            await sem.SendAsync(default);
        }

        Start(f, sem);
    }

    /// <summary>The parking form of <see cref="Go(Func{GoTask})"/>: <c>await g.GoAsync(f);</c>.</summary>
    public async GoTask GoAsync([GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Chan<Unit>? sem = _sem;
        if (sem is not null)
        {
            await sem.SendAsync(default);
        }

        Start(f, sem);
    }

    /// <summary>
    /// Runs <paramref name="f"/> in a new goroutine only if the group's limit allows it now.
    /// Returns false, without running it, when the limit is reached.
    /// </summary>
    public bool TryGo([GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!TryTakeSlot(out Chan<Unit>? sem))
        {
            return false;
        }

        Start(f, sem);
        return true;
    }

    /// <summary>Runs goroutine code <paramref name="f"/> only if the limit allows it now; see <see cref="TryGo(Action)"/>.</summary>
    public bool TryGo([GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!TryTakeSlot(out Chan<Unit>? sem))
        {
            return false;
        }

        Start(f, sem);
        return true;
    }

    /// <summary>Takes a slot under the limit if one is free now (always, with no limit).</summary>
    private bool TryTakeSlot(out Chan<Unit>? sem)
    {
        sem = _sem;
        return sem is null || sem.TrySend(default);
    }

    /// <summary>
    /// Limits the number of functions of this group running at once to <paramref name="n"/>; a
    /// negative value removes the limit. Zero prevents any new function from starting.
    /// </summary>
    /// <exception cref="InvalidOperationException">Functions started under a previous limit are still running.</exception>
    public void SetLimit(int n)
    {
        if (n < 0)
        {
            _sem = null;
            return;
        }

        if (_sem is { } sem && sem.Len != 0)
        {
            throw new InvalidOperationException(
                $"errgroup: modify limit while {sem.Len} goroutines in the group are still active");
        }

        _sem = new Chan<Unit>(n);
    }

    /// <summary>
    /// Blocks until every function started by the group has returned, then cancels the group's
    /// context (if any) and returns the first failure, or null. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    [AwaitableForm(nameof(WaitAsync))]
    public Exception? Wait()
    {
        _wg.Wait();
        return Finish();
    }

    /// <summary>The parking form of <see cref="Wait"/>: <c>var err = await g.WaitAsync();</c>.</summary>
    public async GoTask<Exception?> WaitAsync()
    {
        await _wg.WaitAsync();
        return Finish();
    }

    private Exception? Finish()
    {
        Exception? err = Volatile.Read(ref _err);
        _cancel?.Invoke(err);
        return err;
    }

    private void Start(Action f, Chan<Unit>? sem)
    {
        _wg.Add(1);
        global::GoSharp.Go.go(() =>
        {
            try
            {
                f();
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                Done(sem);
            }
        });
    }

    private void Start(Func<GoTask> f, Chan<Unit>? sem)
    {
        _wg.Add(1);
        global::GoSharp.Go.go(async () =>
        {
            try
            {
                await f();
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                Done(sem);
            }
        });
    }

    /// <summary>Records the first failure and cancels the context.</summary>
    private void Fail(Exception e)
    {
        if (Interlocked.CompareExchange(ref _err, e, null) is null)
        {
            _cancel?.Invoke(e);
        }
    }

    private void Done(Chan<Unit>? sem)
    {
        sem?.TryReceive(out Unit _);
        _wg.Done();
    }
}
