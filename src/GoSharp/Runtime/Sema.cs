namespace GoSharp.Runtime;

/// <summary>
/// A counting semaphore that parks goroutines (Go's runtime semaphore, sema.go's semacquire and
/// semrelease): the sleeping half of Mutex, RWMutex and WaitGroup, whose fast paths are atomics
/// on their own state words.
/// </summary>
/// <remarks>
/// <para>
/// Invariants: <c>_count</c> is the number of units nobody holds; <c>_nwait</c> counts waiters
/// queued or about to queue (incremented under the lock before the last recheck, so a releaser
/// that reads 0 knows the acquirer's recheck will see its unit). A released unit goes to a queued
/// waiter directly (the releaser takes it out of <c>_count</c> for the waiter under the lock), so a
/// woken waiter always holds a unit and never loops; an arriving acquirer can still take a unit
/// before a queued waiter (barging), as in Go.
/// </para>
/// <para>Goroutines are readied only after the lock is released.</para>
/// </remarks>
internal sealed class Sema : IWaitTarget
{
    private int _count;
    private int _nwait;
    private SpinLockSlim _lock;
    private WaitQueue _queue;
    private ThreadUse _threadUse;

    internal Sema()
    {
        _threadUse.Note();
    }

    bool IWaitTarget.ReachableFromThreads => _threadUse.Seen;

    /// <summary>
    /// The bubble of the <see cref="WaitGroup"/> that owns this semaphore, once that group is
    /// associated with one (Go: by an Add inside the bubble); waiting in it is then durable.
    /// </summary>
    internal GoSharp.Testing.Bubble? bubble;

    GoSharp.Testing.Bubble? IWaitTarget.Bubble => Volatile.Read(ref bubble);

    /// <summary>Records a use of the primitive that owns this semaphore from a plain thread.</summary>
    internal void NoteUse() => _threadUse.Note();

    /// <summary>Takes a unit if one is free (Go's cansemacquire).</summary>
    internal bool TryAcquire()
    {
        int c;
        while ((c = Volatile.Read(ref _count)) > 0)
        {
            if (Interlocked.CompareExchange(ref _count, c - 1, c) == c)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes a unit, blocking the calling thread until one is released.</summary>
    /// <param name="reason">What the waiter shows in dumps.</param>
    /// <param name="lifo">Queue at the front (a waiter that already waited, as Go's mutex does).</param>
    internal void Acquire(WaitReason reason, bool lifo = false)
    {
        if (TryAcquire())
        {
            return;
        }

        G g = ThreadWait.Begin(reason);
        if (EnqueueUnlessAcquired(g, lifo))
        {
            ThreadWait.Block(g);
        }
        else
        {
            ThreadWait.Cancel(g);
        }
    }

    /// <summary>
    /// Parks the goroutine suspending in <paramref name="frame"/> until it holds a unit (the
    /// awaiter's suspend step; the fast path has already failed).
    /// </summary>
    internal void Park(Frame frame, WaitReason reason, bool lifo = false)
    {
        G g = Sched.BeginPark(frame, reason);
        if (!EnqueueUnlessAcquired(g, lifo))
        {
            Sched.CancelPark(g);
        }
    }

    /// <summary>Releases a unit, handing it to the first queued waiter if there is one.</summary>
    internal void Release()
    {
        NoteUse();
        Interlocked.Increment(ref _count);
        if (Volatile.Read(ref _nwait) == 0)
        {
            return;
        }

        SyncWaiter? w = null;
        _lock.Enter();
        if (!_queue.IsEmpty && TryAcquire())
        {
            w = (SyncWaiter)_queue.Dequeue()!;
            Interlocked.Decrement(ref _nwait);
        }

        _lock.Exit();
        if (w is not null)
        {
            Sched.Ready(w.Recycle());
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"semaphore ({Volatile.Read(ref _count)} free, {Volatile.Read(ref _nwait)} waiting)";

    /// <summary>Queues <paramref name="g"/>, unless a unit is free after all (then takes it and returns false).</summary>
    private bool EnqueueUnlessAcquired(G g, bool lifo)
    {
        _lock.Enter();
        Interlocked.Increment(ref _nwait);
        if (TryAcquire())
        {
            Interlocked.Decrement(ref _nwait);
            _lock.Exit();
            return false;
        }

        SyncWaiter w = SyncWaiter.Rent(g);
        w.target = this;
        g.waiting = w;
        if (lifo)
        {
            _queue.EnqueueFront(w);
        }
        else
        {
            _queue.Enqueue(w);
        }

        _lock.Exit();
        return true;
    }
}
