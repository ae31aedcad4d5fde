using GoSharp.Runtime;

namespace GoSharp.Channels;

/// <summary>
/// A goroutine waiting on a channel: Go's sudog. One per goroutine per channel it waits on (a
/// select waits on several). Pooled per P; owned by the goroutine from the moment it enqueues the
/// waiter until it reads the outcome after waking.
/// </summary>
internal abstract class Waiter
{
    /// <summary>The waiting goroutine (a plain thread's stand-in when a thread blocks).</summary>
    internal G g = null!;

    /// <summary>Links in the channel's wait queue.</summary>
    internal Waiter? next;
    internal Waiter? prev;

    /// <summary>True if the waiter belongs to a select: a waker must win the goroutine's <see cref="G.selectDone"/> first.</summary>
    internal bool isSelect;

    /// <summary>Set by the waker: true if a value was transferred, false if the channel was closed.</summary>
    internal bool success;

    /// <summary>The select case this waiter stands for.</summary>
    internal int caseIndex;

    /// <summary>Next waiter of the same select (Go's waitlink).</summary>
    internal Waiter? waitlink;

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
internal sealed class Waiter<T> : Waiter
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
        elem = default!;
        g = null!;
        next = prev = waitlink = null;
        isSelect = success = false;
        M.Current?.p?.cache.Return(this);
    }
}

/// <summary>A FIFO of waiters (Go's waitq). Guarded by the channel's lock.</summary>
internal struct WaitQueue
{
    private Waiter? _first;
    private Waiter? _last;

    internal readonly bool IsEmpty => _first is null;

    internal void Enqueue(Waiter w)
    {
        w.next = null;
        w.prev = _last;
        if (_last is null)
        {
            _first = w;
        }
        else
        {
            _last.next = w;
        }

        _last = w;
    }

    /// <summary>
    /// Takes the first waiter that can still be woken. A waiter of a select whose goroutine has
    /// already been woken through another case is stale: it is dropped (its goroutine removes it
    /// from the other queues itself).
    /// </summary>
    internal Waiter? Dequeue()
    {
        while (_first is Waiter w)
        {
            Remove(w);
            if (w.isSelect && Interlocked.CompareExchange(ref w.g.selectDone, 1, 0) != 0)
            {
                continue;
            }

            return w;
        }

        return null;
    }

    /// <summary>True if some waiter could be woken now (a stale select waiter does not count).</summary>
    internal readonly bool HasLiveWaiter()
    {
        for (Waiter? w = _first; w is not null; w = w.next)
        {
            if (!w.isSelect || Volatile.Read(ref w.g.selectDone) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Unlinks <paramref name="w"/>, if it is still queued here.</summary>
    internal void Remove(Waiter w)
    {
        if (w.prev is null && _first != w)
        {
            return; // not queued (already dequeued by a waker)
        }

        if (w.prev is null)
        {
            _first = w.next;
        }
        else
        {
            w.prev.next = w.next;
        }

        if (w.next is null)
        {
            _last = w.prev;
        }
        else
        {
            w.next.prev = w.prev;
        }

        w.next = w.prev = null;
    }
}
