using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A context that can be cancelled (Go's <c>cancelCtx</c>): made by <c>WithCancel</c>,
/// <c>WithCancelCause</c> and <c>WithCancellation</c>, and the base of <see cref="TimerContext"/>.
/// </summary>
/// <remarks>
/// <para>
/// Registers itself in the child set of its nearest cancellable ancestor; cancelling walks the set
/// under the parent's lock, as Go does, and cancels the descendants before the context itself, so
/// once a context reports an error (or its done channel is closed) every descendant already does. Lock order is always parent before child. The done channel is closed under the
/// lock; work that may run user code (cancelling the <see cref="System.Threading.CancellationTokenSource"/>)
/// or touch other subsystems (stopping the timer, removing the token registration) runs after
/// every lock is released.
/// </para>
/// <para>
/// The done channel is made on first use, except that a context created by a plain thread makes
/// it at once: the channel then counts as reachable from threads, so deadlock detection does not
/// call a goroutine waiting on it deadlocked while the thread still holds the cancel function.
/// </para>
/// </remarks>
internal class CancelContext : Context
{
    /// <summary>Shared by every context cancelled before its done channel was asked for (Go's closedchan).</summary>
    private static readonly Chan<Unit> s_closedDone = NewClosed();

    private readonly CancelContext? _parentCanceler;
    private protected SpinLockSlim syncLock;
    private Chan<Unit>? _done;
    private HashSet<CancelContext>? _children;
    private Exception? _err;
    private Exception? _cause;
    private CancellationTokenSource? _cts;
    private CancellationTokenRegistration _registration;
    private bool _hasRegistration;

    internal CancelContext(Context parent, DateTime? deadline)
        : base(parent, deadline)
    {
        _parentCanceler = parent.canceler;
        canceler = this;
        if (Sched.CurrentG is null)
        {
            _done = new Chan<Unit>();
        }
    }

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

    internal Action CancelFunc() => () => Cancel(removeFromParent: true, Canceled, null);

    /// <summary>Go's propagateCancel: joins the parent's child set, or is cancelled at once if the parent is done.</summary>
    internal void Propagate()
    {
        CancelContext? p = _parentCanceler;
        if (p is null)
        {
            return; // no ancestor can ever be cancelled
        }

        p.syncLock.Enter();
        Exception? err = p._err;
        Exception? cause = p._cause;
        if (err is null)
        {
            (p._children ??= new HashSet<CancelContext>(ReferenceEqualityComparer.Instance)).Add(this);
        }

        p.syncLock.Exit();
        if (err is not null)
        {
            Cancel(removeFromParent: false, err, cause);
        }
    }

    internal ReceiveOnlyChan<Unit> DoneChan()
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

    internal Exception? Error() => Volatile.Read(ref _err);

    internal Exception? CauseValue() => Volatile.Read(ref _err) is null ? null : _cause;

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

        if (removeFromParent)
        {
            _parentCanceler?.RemoveChild(this);
        }

        if (ended is null)
        {
            return;
        }

        List<Exception>? failures = null;
        foreach (CancelContext c in ended)
        {
            try
            {
                c.OnEnded();
            }
            catch (Exception e)
            {
                (failures ??= new List<Exception>()).Add(e);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("context: a CancellationToken callback threw", failures);
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
