using GoSharp.CompilerServices;

namespace GoSharp;

/// <content>
/// Go's <c>propagateCancel</c> and <c>removeChild</c>: how a cancellable context learns that its
/// parent is done, for a parent GoSharp wrote and for one you wrote.
/// </content>
internal partial class CancelContext
{
    /// <summary>Watcher goroutines ever started for parents that GoSharp cannot register with (Go's <c>goroutines</c>, for tests).</summary>
    private static long s_watchersStarted;

    /// <summary>Set by <see cref="Propagate"/> when this context sits in that context's child set.</summary>
    private CancelContext? _parentCanceler;

    /// <summary>Set by <see cref="Propagate"/> when this context waits through the parent's <see cref="IAfterFuncContext"/> (Go's stopCtx).</summary>
    private Func<bool>? _stopParentAfterFunc;

    internal static long WatchersStarted => Interlocked.Read(ref s_watchersStarted);

    /// <summary>
    /// Arranges for this context to be cancelled, with the parent's error and cause, when the
    /// parent is; cancels it at once if the parent is already done. Runs before the context is
    /// handed out, so the link fields are set before anyone can cancel it.
    /// </summary>
    internal void Propagate()
    {
        // A value context answers Done, Err and the cancel key from its source: skip the chain.
        Context source = parent is ValueContext v ? v.source : parent;
        switch (source)
        {
            case CancelContext p:
                Join(p); // without calling Done(): its channel stays lazy
                return;
            case EmptyContext or WithoutCancelContext:
                return; // never cancelled
        }

        ReceiveOnlyChan<Unit> done = parent.Done();
        if (done.IsNil)
        {
            return;
        }

        if (Go.Select(done.OnReceive(), Go.Default) == 0)
        {
            CancelFromParent();
            return;
        }

        // A context of yours that wraps ours and passes its Done channel through (Go's parentCancelCtx).
        if (Lookup(parent, CancelContextKey) is CancelContext inner && inner.HasDoneChannel(done))
        {
            Join(inner);
            return;
        }

        if (parent is IAfterFuncContext registrar)
        {
            Func<bool> stop = registrar.AfterFunc(CancelFromParent);
            Volatile.Write(ref _stopParentAfterFunc, stop);
            return;
        }

        Interlocked.Increment(ref s_watchersStarted);
        Go.go(() => WatchAsync(done));
    }

    /// <summary>Joins <paramref name="p"/>'s child set, or is cancelled at once if it is already done.</summary>
    private void Join(CancelContext p)
    {
        _parentCanceler = p;
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

    /// <summary>
    /// The goroutine of Go's last resort: waits until the parent or this context is done, so it
    /// ends when this context is cancelled first and never outlives both.
    /// </summary>
    private async GoTask WatchAsync(ReceiveOnlyChan<Unit> parentDone)
    {
        var chosen = await Go.SelectAsync(parentDone.OnReceive(), Done().OnReceive());
        if (chosen.Index == 0)
        {
            CancelFromParent();
        }
    }

    private void CancelFromParent()
    {
        Exception err = parent.Err() ?? throw new InvalidOperationException(
            $"context: {parent.GetType()} reported itself done but its Err() returned null; a context must return a non-null error once its Done channel is closed.");
        Cancel(removeFromParent: false, err, parent.Cause());
    }

    /// <summary>True if <paramref name="done"/> is this context's own open-or-closed channel, not the shared closed one.</summary>
    internal bool HasDoneChannel(ReceiveOnlyChan<Unit> done)
    {
        Chan<Unit>? mine = Volatile.Read(ref _done);
        return mine is not null && !ReferenceEquals(mine, s_closedDone) && ReferenceEquals(mine, done.chan);
    }

    /// <summary>Go's removeChild: after this context's own cancel, its parent forgets it.</summary>
    private void Unlink()
    {
        if (_parentCanceler is { } p)
        {
            p.RemoveChild(this);
        }
        else
        {
            Volatile.Read(ref _stopParentAfterFunc)?.Invoke();
        }
    }
}
