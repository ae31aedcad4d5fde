namespace GoSharp.Runtime;

/// <summary>
/// A P's timers: a binary min-heap on <see cref="RuntimeTimer.when"/> under its own lock (Go's
/// pp.timers and timersLock). Any thread may arm or stop a timer in any heap; the scheduler runs a
/// heap's expired timers from the M that owns the P, or from a thief.
/// </summary>
internal sealed class TimerHeap
{
    private SpinLockSlim _lock;
    private RuntimeTimer[] _items = new RuntimeTimer[16];
    private int _count;
    private long _next = long.MaxValue;

    /// <summary>When the earliest timer fires (<see cref="long.MaxValue"/> if none); read without the lock.</summary>
    internal long Next => Volatile.Read(ref _next);

    /// <summary>Number of armed timers.</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <summary>Arms <paramref name="t"/>, which must not be armed anywhere.</summary>
    internal void Add(RuntimeTimer t)
    {
        _lock.Enter();
        AddLocked(t);
        _lock.Exit();
    }

    /// <summary>Disarms <paramref name="t"/> if it is armed in this heap; true if it was.</summary>
    internal bool Remove(RuntimeTimer t)
    {
        _lock.Enter();
        bool removed = t.heap == this && t.heapIndex >= 0;
        if (removed)
        {
            RemoveAt(t.heapIndex);
        }

        _lock.Exit();
        return removed;
    }

    /// <summary>
    /// Runs the timers due at <paramref name="now"/>: takes them off the heap (re-arming tickers)
    /// under the lock, then fires them without it. Returns how many fired.
    /// </summary>
    internal int RunExpired(long now)
    {
        if (Next > now)
        {
            return 0;
        }

        int fired = 0;
        while (TakeExpired(now, out RuntimeTimer? t, out int seq))
        {
            t.Fire(seq);
            fired++;
        }

        return fired;
    }

    /// <summary>
    /// Takes the earliest timer if it is due at <paramref name="now"/> (a ticker is re-armed
    /// instead) without firing it; <paramref name="seq"/> is what to pass to
    /// <see cref="RuntimeTimer.Fire"/>. False when no timer is due.
    /// </summary>
    internal bool TakeExpired(long now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RuntimeTimer? timer, out int seq)
    {
        _lock.Enter();
        if (_count == 0 || _items[0].when > now)
        {
            _lock.Exit();
            timer = null;
            seq = 0;
            return false;
        }

        RuntimeTimer t = _items[0];
        seq = t.seq;
        if (t.period > 0)
        {
            // A ticker: next tick one period on, skipping ticks it is too late for (as Go does).
            t.when += t.period * (1 + (now - t.when) / t.period);
            SiftDown(0);
            PublishNext();
        }
        else
        {
            RemoveAt(0);
        }

        _lock.Exit();
        timer = t;
        return true;
    }

    /// <summary>Disarms every timer (a SyncTest bubble that has ended drops the timers left in it).</summary>
    internal void Clear()
    {
        _lock.Enter();
        while (_count > 0)
        {
            RemoveAt(_count - 1);
        }

        _lock.Exit();
    }

    private void AddLocked(RuntimeTimer t)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        t.heap = this;
        t.heapIndex = _count;
        _items[_count] = t;
        Volatile.Write(ref _count, _count + 1);
        SiftUp(t.heapIndex);
        PublishNext();
    }

    private void RemoveAt(int i)
    {
        RuntimeTimer removed = _items[i];
        int last = _count - 1;
        if (i != last)
        {
            _items[i] = _items[last];
            _items[i].heapIndex = i;
        }

        _items[last] = null!;
        Volatile.Write(ref _count, last);
        if (i < last)
        {
            SiftDown(i);
            SiftUp(i);
        }

        removed.heapIndex = -1;
        removed.heap = null;
        PublishNext();
    }

    private void PublishNext() => Volatile.Write(ref _next, _count > 0 ? _items[0].when : long.MaxValue);

    private void SiftUp(int i)
    {
        RuntimeTimer t = _items[i];
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (_items[parent].when <= t.when)
            {
                break;
            }

            _items[i] = _items[parent];
            _items[i].heapIndex = i;
            i = parent;
        }

        _items[i] = t;
        t.heapIndex = i;
    }

    private void SiftDown(int i)
    {
        RuntimeTimer t = _items[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && _items[child + 1].when < _items[child].when)
            {
                child++;
            }

            if (_items[child].when >= t.when)
            {
                break;
            }

            _items[i] = _items[child];
            _items[i].heapIndex = i;
            i = child;
        }

        _items[i] = t;
        t.heapIndex = i;
    }
}
