namespace GoSharp.Runtime;

/// <summary>A FIFO of waiters (Go's waitq). Guarded by the channel's lock.</summary>
internal struct WaitQueue
{
    private Waiter? _first;
    private Waiter? _last;

    internal readonly bool IsEmpty => _first is null;

    /// <summary>The first waiter, for scans that follow <see cref="Waiter.next"/>.</summary>
    internal readonly Waiter? Peek() => _first;

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

    /// <summary>Queues <paramref name="w"/> first (LIFO), for a waiter that has already waited once.</summary>
    internal void EnqueueFront(Waiter w)
    {
        w.prev = null;
        w.next = _first;
        if (_first is null)
        {
            _last = w;
        }
        else
        {
            _first.prev = w;
        }

        _first = w;
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
