using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A context that can be cancelled (Go's <c>cancelCtx</c>): made by <c>WithCancel</c>,
/// <c>WithCancelCause</c> and <c>WithCancellation</c>, and the base of <see cref="TimerContext"/>
/// and <see cref="AfterFuncContext"/>. How it is linked to its parent is in
/// <c>CancelContext.Propagate.cs</c>.
/// </summary>
/// <remarks>
/// <para>
/// Registers itself in the child set of its nearest cancellable ancestor; cancelling walks the set
/// under the parent's lock, as Go does, and cancels the descendants before the context itself, so
/// once a context reports an error (or its done channel is closed) every descendant already does.
/// Lock order is always parent before child. The done channel is closed under the lock; work that
/// may run user code (cancelling the <see cref="System.Threading.CancellationTokenSource"/>,
/// starting an <c>AfterFunc</c>) or touch other subsystems (stopping the timer, removing the token
/// registration, unregistering from a parent of yours) runs after every lock is released.
/// </para>
/// <para>
/// The done channel is made on first use, except that a context created by a plain thread makes
/// it at once: the channel then counts as reachable from threads, so deadlock detection does not
/// call a goroutine waiting on it deadlocked while the thread still holds the cancel function.
/// </para>
/// </remarks>
internal partial class CancelContext : Context
{
    /// <summary>Shared by every context cancelled before its done channel was asked for (Go's closedchan).</summary>
    private static readonly Chan<Unit> s_closedDone = NewClosed();

    internal readonly Context parent;
    private readonly DateTime? _deadline;
    private protected SpinLockSlim syncLock;
    private Chan<Unit>? _done;
    private HashSet<CancelContext>? _children;
    private Exception? _err;
    private Exception? _cause;
    private CancellationTokenSource? _cts;
    private CancellationTokenRegistration _registration;
    private bool _hasRegistration;

    internal CancelContext(Context parent)
        : this(parent, AsUtc(parent.Deadline))
    {
    }

    private protected CancelContext(Context parent, DateTime? deadline)
    {
        this.parent = parent;
        _deadline = deadline;
        if (Sched.CurrentG is null)
        {
            _done = new Chan<Unit>();
        }
    }

    /// <inheritdoc/>
    public override DateTime? Deadline => _deadline;

    /// <summary>The number of live children registered here (for tests).</summary>
    internal int ChildCount
    {
        get
        {
            syncLock.Enter();
            int n = _children?.Count ?? 0;
            syncLock.Exit();
            return n;
        }
    }

    /// <summary>True if work remains after cancellation (see <see cref="OnEnded"/>). Lock held.</summary>
    private protected virtual bool HasEndWorkLocked => _cts is not null || _hasRegistration;

    /// <inheritdoc/>
    public override ReceiveOnlyChan<Unit> Done()
    {
        Chan<Unit>? d = Volatile.Read(ref _done);
        if (d is not null)
        {
            return d;
        }

        var fresh = new Chan<Unit>();
        syncLock.Enter();
        d = _done ??= _err is null ? fresh : s_closedDone;
        syncLock.Exit();
        return d;
    }

    /// <inheritdoc/>
    public override Exception? Err() => Volatile.Read(ref _err);

    /// <inheritdoc/>
    public override object? Value(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Lookup(this, key);
    }

    /// <summary>The cause of the first cancellation; null while live (read after the error, which is published last).</summary>
    internal Exception? CauseValue() => Volatile.Read(ref _err) is null ? null : _cause;

    internal Action CancelFunc() => () => Cancel(removeFromParent: true, Canceled, null);

    private protected override CancellationToken GetToken() => Token();

    internal CancellationToken Token()
    {
        if (Volatile.Read(ref _cts) is { } existing)
        {
            return existing.Token;
        }

        syncLock.Enter();
        if (_err is not null)
        {
            syncLock.Exit();
            return new CancellationToken(canceled: true);
        }

        _cts ??= new CancellationTokenSource();
        CancellationToken token = _cts.Token;
        syncLock.Exit();
        return token;
    }

    /// <summary>Keeps the registration of <c>WithCancellation</c> to remove it when the context ends.</summary>
    internal void SetRegistration(CancellationTokenRegistration registration)
    {
        syncLock.Enter();
        if (_err is null)
        {
            _registration = registration;
            _hasRegistration = true;
            syncLock.Exit();
            return;
        }

        syncLock.Exit();
        registration.Unregister();
    }

    /// <summary>
    /// Cancels this context and its descendants with <paramref name="err"/> (Go's cancelCtx.cancel).
    /// Does nothing if already cancelled.
    /// </summary>
    internal void Cancel(bool removeFromParent, Exception err, Exception? cause)
    {
        List<CancelContext>? ended = null;
        if (!CancelTree(err, cause ?? err, ref ended))
        {
            return;
        }

        // No lock is held from here on: what follows may run user code, and a failure in one
        // piece must not keep the others from running.
        List<Exception>? failures = null;
        if (removeFromParent)
        {
            try
            {
                Unlink();
            }
            catch (Exception e)
            {
                (failures ??= new List<Exception>()).Add(e);
            }
        }

        for (int i = 0; i < (ended?.Count ?? 0); i++)
        {
            try
            {
                ended![i].OnEnded();
            }
            catch (Exception e)
            {
                (failures ??= new List<Exception>()).Add(e);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("context: a callback run by the cancellation threw", failures);
        }
    }

    /// <summary>Runs after cancellation with no lock held: cancels the token source, drops the registration.</summary>
    private protected virtual void OnEnded()
    {
        if (_hasRegistration)
        {
            _registration.Unregister();
        }

        _cts?.Cancel();
    }

    private bool CancelTree(Exception err, Exception cause, ref List<CancelContext>? ended)
    {
        syncLock.Enter();
        if (_err is not null)
        {
            syncLock.Exit();
            return false;
        }

        // Descendants first, all under this lock (no child can join meanwhile): whoever sees this
        // context done, through Err or Done, then also sees every descendant done.
        HashSet<CancelContext>? children = _children;
        _children = null;
        if (children is not null)
        {
            foreach (CancelContext child in children)
            {
                child.CancelTree(err, cause, ref ended);
            }
        }

        _cause = cause;
        Volatile.Write(ref _err, err);
        if (_done is null)
        {
            _done = s_closedDone;
        }
        else
        {
            _done.Close();
        }

        if (HasEndWorkLocked)
        {
            (ended ??= new List<CancelContext>()).Add(this);
        }

        syncLock.Exit();
        return true;
    }

    private void RemoveChild(CancelContext child)
    {
        syncLock.Enter();
        _children?.Remove(child);
        syncLock.Exit();
    }

    private static Chan<Unit> NewClosed()
    {
        var c = new Chan<Unit>();
        c.Close();
        return c;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{parent}.WithCancel";
}
