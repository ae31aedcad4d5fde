namespace GoSharp.Runtime;

/// <summary>
/// A goroutine waiting on a channel or a sync primitive: Go's sudog. One per goroutine per queue it waits in (a
/// select waits on several). Pooled per P; owned by the goroutine from the moment it enqueues the
/// waiter until it reads the outcome after waking.
/// </summary>
internal abstract class Waiter
{
    /// <summary>The waiting goroutine (a plain thread's stand-in when a thread blocks).</summary>
    internal G g = null!;

    /// <summary>What the goroutine waits in (for dumps and deadlock detection).</summary>
    internal IWaitTarget? target;

    /// <summary>Links in the channel's wait queue.</summary>
    internal Waiter? next;
    internal Waiter? prev;

    /// <summary>True if the waiter belongs to a select: a waker must win the goroutine's <see cref="G.selectDone"/> first.</summary>
    internal bool isSelect;

    /// <summary>Set by the waker: true if a value was transferred, false if the channel was closed.</summary>
    internal bool success;

    /// <summary>
    /// Set by the waker that completed this waiter, before it readies the goroutine (Go's
    /// gp.param = sudog). In a select, exactly one waiter gets it: a waker must first win
    /// <see cref="G.selectDone"/>. The ready that follows (an interlocked status change) publishes
    /// it, with <see cref="success"/> and the value, to the goroutine when it resumes.
    /// </summary>
    internal bool fired;

    /// <summary>
    /// The select case this waiter stands for (fewer than <see cref="GoSharp.Channels.Select.SelectCore.MaxCases"/>).
    /// A byte, so that with the three flags it takes 4 bytes and a 4-byte element packs beside
    /// them: a <c>Waiter&lt;int&gt;</c> is 56 bytes, not 64.
    /// </summary>
    internal byte caseIndex;

    /// <summary>
    /// Next waiter of the same select (Go's waitlink), or null. Only the waiters a select queues
    /// (<see cref="SelectWaiter{T}"/>) carry the link: a goroutine parked in a plain channel
    /// operation or a sync primitive has one waiter, and the field would cost it 8 bytes.
    /// </summary>
    internal virtual Waiter? Waitlink => null;

    /// <summary>Returns the waiter to the current P's pool.</summary>
    internal abstract void Release();

    /// <summary>Readies the goroutine of a waiter that a channel operation completed (after unlocking).</summary>
    internal static void Wake(Waiter? w)
    {
        if (w is not null)
        {
            Sched.Ready(w.g);
        }
    }

    internal static InvalidOperationException SendOnClosed() => new("send on closed channel");
}

/// <summary>A waiter carrying a value of the channel's element type (Go's sudog.elem).</summary>
internal class Waiter<T> : Waiter
{
    /// <summary>A sender's value, or the value handed to a receiver.</summary>
    internal T elem = default!;

    internal static Waiter<T> Rent(G g)
    {
        Waiter<T> w = M.Current?.p?.cache.Rent<Waiter<T>>() ?? new Waiter<T>();
        w.g = g;
        return w;
    }

    internal override void Release()
    {
        Clear();
        M.Current?.p?.cache.Return(this);
    }

    /// <summary>Resets the waiter for reuse.</summary>
    private protected void Clear()
    {
        elem = default!;
        g = null!;
        next = prev = null;
        target = null;
        isSelect = success = fired = false;
        caseIndex = 0;
    }
}
