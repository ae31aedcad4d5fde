namespace GoSharp.Runtime;

/// <summary>
/// A ticket-based wait list (Go's notifyList in sema.go), under <see cref="Cond"/>: a waiter takes
/// a ticket before releasing its lock, so a signal sent between the unlock and the park is not
/// lost, and each signal wakes the waiter holding the oldest unserved ticket.
/// </summary>
/// <remarks>
/// Invariants: <c>_wait</c> is the next ticket to hand out and <c>_notify</c> the next one to
/// serve; tickets below <c>_notify</c> are served (their holders must not sleep). Every queued
/// waiter's ticket is at least <c>_notify</c>. Tickets wrap around, compared as in Go.
/// </remarks>
internal sealed class NotifyList : IWaitTarget
{
    private uint _wait;
    private uint _notify;
    private SpinLockSlim _lock;
    private WaitQueue _queue;
    private ThreadUse _threadUse;

    internal NotifyList()
    {
        _threadUse.Note();
    }

    bool IWaitTarget.ReachableFromThreads => _threadUse.Seen;

    /// <summary>None: a Cond wait is durable by its kind (as in Go), whoever created the Cond.</summary>
    GoSharp.Testing.Bubble? IWaitTarget.Bubble => null;

    /// <summary>Records a use of the owning <see cref="Cond"/> from a plain thread.</summary>
    internal void NoteUse() => _threadUse.Note();

    /// <summary>Takes a ticket (Go's notifyListAdd); call before releasing the caller's lock.</summary>
    internal uint Add() => Interlocked.Increment(ref _wait) - 1;

    /// <summary>Blocks the calling thread until <paramref name="ticket"/> is served.</summary>
    internal void Wait(uint ticket)
    {
        G g = ThreadWait.Begin(WaitReason.CondWait);
        if (EnqueueUnlessServed(g, ticket))
        {
            ThreadWait.Block(g);
        }
        else
        {
            ThreadWait.Cancel(g);
        }
    }

    /// <summary>Parks the goroutine suspending in <paramref name="frame"/> until <paramref name="ticket"/> is served.</summary>
    internal void Park(Frame frame, uint ticket)
    {
        G g = Sched.BeginPark(frame, WaitReason.CondWait);
        if (!EnqueueUnlessServed(g, ticket))
        {
            Sched.CancelPark(g);
        }
    }

    /// <summary>True if <paramref name="ticket"/> has been served already (no lock; for the awaiter's fast path).</summary>
    internal bool IsServed(uint ticket) => Less(ticket, Volatile.Read(ref _notify));

    /// <summary>Serves the oldest ticket (Go's notifyListNotifyOne).</summary>
    internal void NotifyOne()
    {
        if (Volatile.Read(ref _wait) == Volatile.Read(ref _notify))
        {
            return; // nobody has taken a ticket since the last notification
        }

        SyncWaiter? woken = null;
        _lock.Enter();
        uint t = _notify;
        if (t != Volatile.Read(ref _wait))
        {
            Volatile.Write(ref _notify, t + 1);

            // The ticket's holder may not have queued yet; then it will see the ticket served.
            for (Waiter? w = _queue.Peek(); w is not null; w = w.next)
            {
                if (((SyncWaiter)w).ticket == t)
                {
                    _queue.Remove(w);
                    woken = (SyncWaiter)w;
                    break;
                }
            }
        }

        _lock.Exit();
        if (woken is not null)
        {
            Sched.Ready(woken.Recycle());
        }
    }

    /// <summary>Serves every ticket handed out so far (Go's notifyListNotifyAll).</summary>
    internal void NotifyAll()
    {
        if (Volatile.Read(ref _wait) == Volatile.Read(ref _notify))
        {
            return;
        }

        _lock.Enter();
        Volatile.Write(ref _notify, Volatile.Read(ref _wait));
        Waiter? all = null;
        while (_queue.Dequeue() is Waiter w)
        {
            w.next = all; // out of the queue now, so its link is free to chain the batch
            all = w;
        }

        _lock.Exit();
        while (all is not null)
        {
            var w = (SyncWaiter)all;
            all = w.next;
            Sched.Ready(w.Recycle());
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"condition (ticket {Volatile.Read(ref _notify)} of {Volatile.Read(ref _wait)} served)";

    private bool EnqueueUnlessServed(G g, uint ticket)
    {
        _lock.Enter();
        if (Less(ticket, _notify))
        {
            _lock.Exit();
            return false;
        }

        SyncWaiter w = SyncWaiter.Rent(g);
        w.ticket = ticket;
        w.target = this;
        g.waiting = w;
        _queue.Enqueue(w);
        _lock.Exit();
        return true;
    }

    /// <summary>a &lt; b for tickets that may wrap around (Go's less).</summary>
    private static bool Less(uint a, uint b) => (int)(a - b) < 0;
}
