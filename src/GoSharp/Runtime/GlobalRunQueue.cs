namespace GoSharp.Runtime;

/// <summary>
/// The global run queue (Go's sched.runq): a FIFO of goroutines, guarded by the scheduler lock.
/// </summary>
/// <remarks>
/// Go links its global queue through <c>g.schedlink</c>. Here it is a ring of slots instead, so
/// that no goroutine carries a link field for a queue it is rarely in: the field would cost every
/// goroutine 8 bytes (see the layout note on <see cref="G"/>), the ring costs 8 bytes per queued
/// goroutine only while the queue is that long. The ring doubles when full and keeps its size, so
/// a program that overflows its local queues again and again (a spawner that never yields)
/// allocates nothing in steady state; but once a ring larger than <see cref="KeptSize"/> slots
/// has drained, it goes back to its first size, so a burst (a million goroutines readied from a
/// plain thread) does not pin a large array. Taken slots are cleared, so the ring keeps no
/// goroutine reachable after it has left the queue.
/// <para>Every member except <see cref="Count"/> must be called with the scheduler lock held.
/// <see cref="Count"/> may be read without it (a volatile read of a value written under the
/// lock), as Go reads sched.runqsize to skip taking the lock.</para>
/// </remarks>
internal sealed class GlobalRunQueue
{
    internal const int InitialSize = 256;

    /// <summary>The largest ring kept once drained: 128 KB.</summary>
    internal const int KeptSize = 16 * 1024;

    private GSlot[] _ring = new GSlot[InitialSize];
    private int _head;
    private int _count;

    /// <summary>Slots in the ring now (for tests).</summary>
    internal int Capacity => _ring.Length;

    /// <summary>Goroutines queued; readable without the lock (it may be stale by the time it is used).</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <summary>Appends <paramref name="g"/>.</summary>
    internal void Put(G g)
    {
        if (_count == _ring.Length)
        {
            Grow(_count + 1);
        }

        _ring[(_head + _count) & (_ring.Length - 1)].g = g;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Appends the goroutines of <paramref name="batch"/>, in order.</summary>
    internal void PutBatch(ReadOnlySpan<GSlot> batch)
    {
        if (_count + batch.Length > _ring.Length)
        {
            Grow(_count + batch.Length);
        }

        int mask = _ring.Length - 1;
        for (int i = 0; i < batch.Length; i++)
        {
            _ring[(_head + _count + i) & mask] = batch[i];
        }

        Volatile.Write(ref _count, _count + batch.Length);
    }

    /// <summary>Removes and returns the oldest goroutine; the queue must not be empty.</summary>
    internal G Pop()
    {
        ref GSlot slot = ref _ring[_head];
        G g = slot.g!;
        slot.g = null;
        _head = (_head + 1) & (_ring.Length - 1);
        Volatile.Write(ref _count, _count - 1);
        if (_count == 0 && _ring.Length > KeptSize)
        {
            _ring = new GSlot[InitialSize];
            _head = 0;
        }

        return g;
    }

    /// <summary>Copies the queue, oldest first, into a ring of a power-of-two size of at least <paramref name="needed"/>.</summary>
    private void Grow(int needed)
    {
        int size = _ring.Length;
        while (size < needed)
        {
            size *= 2;
        }

        var ring = new GSlot[size];
        int mask = _ring.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            ring[i] = _ring[(_head + i) & mask];
        }

        _ring = ring;
        _head = 0;
    }
}
