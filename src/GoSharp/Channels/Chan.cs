using GoSharp.Channels;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A Go channel: <c>make(chan T)</c> (unbuffered) or <c>make(chan T, n)</c> (buffered).
/// </summary>
/// <remarks>
/// <para>
/// Every blocking operation has two forms sharing one implementation: a blocking form
/// (<see cref="Send"/>, <see cref="Receive()"/>, ...) that blocks the calling thread, and an
/// awaitable form (<see cref="SendAsync"/>, <see cref="ReceiveAsync"/>, ...) that parks the
/// goroutine. Goroutine code written with <c>[Goroutine]</c> uses the blocking form and the
/// generator turns it into the awaitable one; plain threads and async code can use either, so a
/// channel connects goroutines, threads and tasks alike.
/// </para>
/// <para>
/// Invariants (as at the top of Go's chan.go), all under the channel's lock:
/// <list type="bullet">
/// <item>At least one of <c>_sendq</c> and <c>_recvq</c> is empty, except for an unbuffered
/// channel with a single goroutine blocked on both sides of it in a select.</item>
/// <item>For a buffered channel: <c>_qcount &gt; 0</c> implies <c>_recvq</c> is empty, and
/// <c>_qcount &lt; _cap</c> implies <c>_sendq</c> is empty.</item>
/// <item>A waiting receiver gets the value directly from the sender (no trip through the
/// buffer); a receiver that frees a slot in a full buffer moves the first waiting sender's value
/// into it, so values leave in the order they were sent (FIFO per channel).</item>
/// <item>Once closed, a channel has no waiters: close wakes every receiver (with the zero value,
/// <c>ok == false</c>) and every sender (which then throws).</item>
/// </list>
/// Goroutines are readied only after the lock is released.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class Chan<T> : IWaitTarget
{
    /// <summary>
    /// Identity for lock ordering in select (objects move, so addresses cannot be used). Unique
    /// across all element types: it comes from a non-generic counter.
    /// </summary>
    internal readonly long id = ChanIds.Next();

    private SpinLockSlim _lock;
    private readonly T[]? _buf;
    private readonly int _cap;
    private int _qcount;
    private int _sendx;
    private int _recvx;
    private bool _closed;
    private WaitQueue _recvq;
    private WaitQueue _sendq;
    private ThreadUse _threadUse;

    /// <summary>The SyncTest bubble the channel was created in, or null: only that bubble may use it (as in Go).</summary>
    internal readonly GoSharp.Testing.Bubble? bubble;

    /// <summary>Creates an unbuffered channel: each send waits for a receiver (Go's <c>make(chan T)</c>).</summary>
    public Chan()
        : this(0)
    {
    }

    /// <summary>Creates a channel with a buffer of <paramref name="capacity"/> elements (Go's <c>make(chan T, n)</c>).</summary>
    /// <param name="capacity">The buffer size; 0 for an unbuffered channel.</param>
    public Chan(int capacity)
    {
        if (capacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "makechan: size out of range");
        }

        _cap = capacity;
        _buf = capacity > 0 ? new T[capacity] : null;

        // One thread-static read serves both: a plain thread marks the channel reachable from
        // threads, a bubble's goroutine makes it the bubble's.
        M? m = M.Current;
        if (m?.curg is null)
        {
            _threadUse.Mark();
        }

        bubble = m?.bubble;
    }

    /// <summary>The number of values buffered in the channel (Go's <c>len(ch)</c>).</summary>
    public int Len => Volatile.Read(ref _qcount);

    /// <summary>The buffer size (Go's <c>cap(ch)</c>).</summary>
    public int Cap => _cap;

    /// <summary>
    /// Takes the channel's lock. Every operation goes through here, so this is where a bubble's
    /// channel refuses callers from outside its bubble; the check costs other channels one
    /// load and a branch, and runs before any lock is held.
    /// </summary>
    internal void Lock()
    {
        if (bubble is not null)
        {
            GoSharp.Testing.Bubble.CheckCaller(bubble, this);
        }

        _lock.Enter();
    }

    internal void Unlock() => _lock.Exit();

    /// <summary>
    /// Sends without blocking, with the lock held: hands the value to a waiting receiver, or
    /// buffers it. A receiver to wake is returned in <paramref name="wake"/>.
    /// </summary>
    internal ChanResult TrySendLocked(T value, out Waiter? wake)
    {
        wake = null;
        if (_closed)
        {
            return ChanResult.Closed;
        }

        if (_recvq.Dequeue() is Waiter<T> receiver)
        {
            receiver.elem = value;
            Deliver(receiver, success: true);
            wake = receiver;
            return ChanResult.Done;
        }

        if (_qcount < _cap)
        {
            _buf![_sendx] = value;
            if (++_sendx == _cap)
            {
                _sendx = 0;
            }

            _qcount++;
            return ChanResult.Done;
        }

        return ChanResult.WouldBlock;
    }

    /// <summary>
    /// Receives without blocking, with the lock held: from a waiting sender, from the buffer, or
    /// the zero value with <paramref name="ok"/> false from a closed, drained channel.
    /// </summary>
    internal ChanResult TryReceiveLocked(out T value, out bool ok, out Waiter? wake)
    {
        wake = null;
        if (_sendq.Dequeue() is Waiter<T> sender)
        {
            if (_cap == 0)
            {
                value = sender.elem;
            }
            else
            {
                // The buffer is full: take its head and put the sender's value at its tail.
                value = _buf![_recvx];
                _buf[_recvx] = sender.elem;
                if (++_recvx == _cap)
                {
                    _recvx = 0;
                }

                _sendx = _recvx;
            }

            Deliver(sender, success: true);
            wake = sender;
            ok = true;
            return ChanResult.Done;
        }

        if (_qcount > 0)
        {
            value = _buf![_recvx];
            _buf[_recvx] = default!;
            if (++_recvx == _cap)
            {
                _recvx = 0;
            }

            _qcount--;
            ok = true;
            return ChanResult.Done;
        }

        value = default!;
        ok = false;
        return _closed ? ChanResult.Done : ChanResult.WouldBlock;
    }

    /// <summary>Queues a waiter to receive. Lock held.</summary>
    internal void EnqueueReceiver(Waiter w)
    {
        w.target = this;
        _recvq.Enqueue(w);
    }

    /// <summary>Queues a waiter that sends its <see cref="Waiter{T}.elem"/>. Lock held.</summary>
    internal void EnqueueSender(Waiter w)
    {
        w.target = this;
        _sendq.Enqueue(w);
    }

    bool IWaitTarget.ReachableFromThreads => _threadUse.Seen;

    GoSharp.Testing.Bubble? IWaitTarget.Bubble => bubble;

    /// <summary>Records a use from a plain thread (see <see cref="IWaitTarget"/>).</summary>
    internal void NoteUse() => _threadUse.Note();

    /// <summary>
    /// Marks the channel as one a plain thread may use (for channels created on behalf of an
    /// object that threads use, such as a semaphore's per-waiter channel).
    /// </summary>
    internal void MarkReachableFromThreads() => _threadUse.Mark();

    /// <summary>Removes a waiter that was woken through another case of its select. Lock held.</summary>
    internal void RemoveWaiter(Waiter w, bool sender)
    {
        if (sender)
        {
            _sendq.Remove(w);
        }
        else
        {
            _recvq.Remove(w);
        }
    }

    /// <summary>True if a receive would not block now. Lock held.</summary>
    internal bool CanReceiveLocked => _qcount > 0 || _closed || _sendq.HasLiveWaiter();

    /// <summary>
    /// Closes the channel (Go's <c>close(ch)</c>): receivers get the buffered values, then the
    /// zero value with <c>ok == false</c>; blocked senders and later sends throw.
    /// </summary>
    /// <exception cref="InvalidOperationException">The channel is already closed.</exception>
    public void Close()
    {
        NoteUse();
        Lock();
        if (_closed)
        {
            Unlock();
            throw new InvalidOperationException("close of closed channel");
        }

        _closed = true;
        Waiter? woken = null;
        while (_recvq.Dequeue() is Waiter<T> receiver)
        {
            receiver.elem = default!;
            Deliver(receiver, success: false);
            receiver.next = woken;
            woken = receiver;
        }

        while (_sendq.Dequeue() is Waiter sender)
        {
            Deliver(sender, success: false);
            sender.next = woken;
            woken = sender;
        }

        Unlock();
        while (woken is not null)
        {
            Waiter w = woken;
            woken = w.next;
            Sched.Ready(w.g);
        }
    }

    /// <summary>Tells the waiter's goroutine how its wait ended; it reads this after waking (Go's gp.param).</summary>
    private static void Deliver(Waiter w, bool success)
    {
        w.success = success;
        w.fired = true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"chan {typeof(T).Name} (len {Len}, cap {_cap}{(_closed ? ", closed" : "")})";
}
