namespace GoSharp.Runtime;

/// <summary>
/// A goroutine (or blocked thread) waiting in a <see cref="Sema"/> or a <see cref="NotifyList"/>:
/// the sudog of Go's sema.go. Carries no value; the waker recycles it before readying the goroutine.
/// </summary>
internal sealed class SyncWaiter : Waiter
{
    /// <summary>The <see cref="NotifyList"/> ticket this waiter waits for.</summary>
    internal uint ticket;

    internal static SyncWaiter Rent(G g)
    {
        SyncWaiter w = M.Current?.p?.cache.Rent<SyncWaiter>() ?? new SyncWaiter();
        w.g = g;
        return w;
    }

    /// <summary>Recycles the waiter and returns its goroutine, for the waker to ready.</summary>
    internal G Recycle()
    {
        G g = this.g;
        Release();
        return g;
    }

    internal override void Release()
    {
        g = null!;
        next = prev = null;
        target = null;
        ticket = 0;
        M.Current?.p?.cache.Return(this);
    }
}
