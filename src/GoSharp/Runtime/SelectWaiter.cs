namespace GoSharp.Runtime;

/// <summary>
/// A waiter that a select queues on one of its cases' channels: linked to the goroutine's other
/// waiters of the same select (<see cref="Waitlink"/>), so that the goroutine can take back those
/// that did not fire after it wakes.
/// </summary>
internal sealed class SelectWaiter<T> : Waiter<T>
{
    internal Waiter? waitlink;

    internal override Waiter? Waitlink => waitlink;

    internal static new SelectWaiter<T> Rent(G g)
    {
        SelectWaiter<T> w = M.Current?.p?.cache.Rent<SelectWaiter<T>>() ?? new SelectWaiter<T>();
        w.g = g;
        w.isSelect = true;
        return w;
    }

    internal override void Release()
    {
        Clear();
        waitlink = null;
        M.Current?.p?.cache.Return(this);
    }
}
