using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A weighted semaphore (Go's <c>golang.org/x/sync/semaphore.Weighted</c>): bounds the combined
/// weight of concurrent holders. Waiters are served in FIFO order: a large request at the head of
/// the queue is not overtaken by smaller ones that arrive later, so it cannot starve.
/// </summary>
/// <remarks>
/// <para>
/// Every blocking method has a parking form named <c>…Async</c> for goroutine code; the blocking
/// forms work in delegate goroutines and on plain threads. Each waiter waits on its own readiness
/// channel, closed when its request is granted, and on the context's <see cref="Context.Done"/>.
/// </para>
/// <para>
/// <c>System.Threading.Semaphore</c> has the same simple name; in projects with
/// <c>ImplicitUsings</c> the package's global alias makes <c>Semaphore</c> mean this type.
/// </para>
/// </remarks>
public sealed class Semaphore
{
    private readonly long _size;
    private long _cur;
    private SpinLockSlim _lock;
    private Waiter? _head;
    private Waiter? _tail;
    private ThreadUse _threadUse;

    /// <summary>Creates a semaphore with a maximum combined weight of <paramref name="size"/> (Go's <c>semaphore.NewWeighted</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public Semaphore(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _size = size;
        _threadUse.Note();
    }

    /// <summary>The maximum combined weight.</summary>
    public long Size => _size;

    /// <summary>
    /// Acquires a weight of <paramref name="n"/>, blocking until it is available. A request larger
    /// than <see cref="Size"/> blocks forever, as in Go. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    [AwaitableForm(nameof(AcquireAsync))]
    public void Acquire(long n) => Acquire(Context.Background, n);

    /// <summary>The parking form of <see cref="Acquire(long)"/>: <c>await sem.AcquireAsync(n);</c>.</summary>
    public async GoTask AcquireAsync(long n) => await AcquireAsync(Context.Background, n);

    /// <summary>
    /// Acquires a weight of <paramref name="n"/>, blocking until it is available or
    /// <paramref name="ctx"/> is done (Go's <c>Acquire(ctx, n)</c>). Returns null on success; on
    /// failure returns <c>ctx.Err()</c> and holds nothing. A context already done fails even if the
    /// weight is available. A request larger than <see cref="Size"/> waits for the context without
    /// holding up other requests.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    [AwaitableForm(nameof(AcquireAsync))]
    public Exception? Acquire(Context ctx, long n)
    {
        _threadUse.Note();
        ReceiveOnlyChan<Unit> done = Begin(ctx, n, out Step step, out Waiter? w);
        switch (step)
        {
            case Step.Acquired:
                return null;
            case Step.Failed:
                return ctx.Err();
            case Step.TooLarge:
                done.Receive();
                return ctx.Err();
        }

        if (done.IsNil)
        {
            w!.ready.Receive(); // a context that is never done (Background): nothing to select against
            return null;
        }

        return Go.Select(w!.ready.OnReceive(), done.OnReceive()) == 0
            ? Granted(ctx, done, n)
            : Cancelled(ctx, w, n);
    }

    /// <summary>The parking form of <see cref="Acquire(Context, long)"/>: <c>var err = await sem.AcquireAsync(ctx, n);</c>.</summary>
    public GoTask<Exception?> AcquireAsync(Context ctx, long n)
    {
        ReceiveOnlyChan<Unit> done = Begin(ctx, n, out Step step, out Waiter? w);
        return step switch
        {
            Step.Acquired => GoTask<Exception?>.FromResult(null),
            Step.Failed => GoTask<Exception?>.FromResult(ctx.Err()),
            Step.TooLarge => WaitTooLargeAsync(ctx, done),
            _ => WaitAsync(ctx, done, w!, n),
        };
    }

    /// <summary>Acquires a weight of <paramref name="n"/> if that is possible now, without waiting (and no earlier waiter is queued).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public bool TryAcquire(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        _threadUse.Note();
        _lock.Enter();
        bool success = _size - _cur >= n && _head is null;
        if (success)
        {
            _cur += n;
        }

        _lock.Exit();
        return success;
    }

    /// <summary>Releases a weight of <paramref name="n"/> and wakes the waiters at the head of the queue that now fit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">More is released than is held; the semaphore is left unchanged.</exception>
    public void Release(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        _threadUse.Note();
        _lock.Enter();
        if (_cur - n < 0)
        {
            _lock.Exit();
            throw new InvalidOperationException("semaphore: released more than held");
        }

        _cur -= n;
        Waiter? granted = NotifyWaitersLocked();
        _lock.Exit();
        CloseAll(granted);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        _lock.Enter();
        long cur = _cur;
        int waiting = 0;
        for (Waiter? w = _head; w is not null; w = w.next)
        {
            waiting++;
        }

        _lock.Exit();
        return $"Semaphore (held {cur} of {_size}, {waiting} waiting)";
    }

    /// <summary>The common start of both forms: fast path, doomed requests, or enqueue a waiter.</summary>
    private ReceiveOnlyChan<Unit> Begin(Context ctx, long n, out Step step, out Waiter? waiter)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ReceiveOnlyChan<Unit> done = ctx.Done();
        waiter = null;

        _lock.Enter();

        // A context already done "happened before" this acquire: fail even if the weight is free.
        if (done.TryReceiveWithOk(out _))
        {
            _lock.Exit();
            step = Step.Failed;
            return done;
        }

        if (_size - _cur >= n && _head is null)
        {
            _cur += n;
            _lock.Exit();
            step = Step.Acquired;
            return done;
        }

        if (n > _size)
        {
            // Doomed: wait for the context without making later requests queue behind this one.
            _lock.Exit();
            step = Step.TooLarge;
            return done;
        }

        waiter = new Waiter(n);
        if (_threadUse.Seen)
        {
            waiter.ready.MarkReachableFromThreads(); // a plain thread may be the one to release
        }

        waiter.prev = _tail;
        if (_tail is null)
        {
            _head = waiter;
        }
        else
        {
            _tail.next = waiter;
        }

        _tail = waiter;
        _lock.Exit();
        step = Step.Wait;
        return done;
    }

    private async GoTask<Exception?> WaitTooLargeAsync(Context ctx, ReceiveOnlyChan<Unit> done)
    {
        await done.ReceiveAsync();
        return ctx.Err();
    }

    private async GoTask<Exception?> WaitAsync(Context ctx, ReceiveOnlyChan<Unit> done, Waiter w, long n)
    {
        if (done.IsNil)
        {
            await w.ready.ReceiveAsync(); // a context that is never done (Background): nothing to select against
            return null;
        }

        var result = await Go.SelectAsync(w.ready.OnReceive(), done.OnReceive());
        return result.Index == 0 ? Granted(ctx, done, n) : Cancelled(ctx, w, n);
    }

    /// <summary>The readiness channel was closed: keep the weight unless the context is done by now.</summary>
    private Exception? Granted(Context ctx, ReceiveOnlyChan<Unit> done, long n)
    {
        if (done.TryReceiveWithOk(out _))
        {
            Release(n);
            return ctx.Err();
        }

        return null;
    }

    /// <summary>
    /// The context ended first. If the request was granted meanwhile, give the weight back
    /// (x/sync: "pretend we didn't and put the tokens back"); otherwise leave the queue, waking the
    /// waiters behind if this one was at the head and blocking them.
    /// </summary>
    private Exception? Cancelled(Context ctx, Waiter w, long n)
    {
        Waiter? granted;
        _lock.Enter();
        if (w.granted)
        {
            _cur -= n;
            granted = NotifyWaitersLocked();
        }
        else
        {
            bool isFront = _head == w;
            Unlink(w);
            granted = isFront && _size > _cur ? NotifyWaitersLocked() : null;
        }

        _lock.Exit();
        CloseAll(granted);
        return ctx.Err();
    }

    /// <summary>
    /// Grants waiters from the head while they fit, and stops at the first that does not (so a large
    /// request is never overtaken). Returns the granted waiters, whose channels the caller closes
    /// once the lock is released. Lock held.
    /// </summary>
    private Waiter? NotifyWaitersLocked()
    {
        Waiter? granted = null;
        while (_head is Waiter w && _size - _cur >= w.n)
        {
            _cur += w.n;
            w.granted = true;
            Unlink(w);
            w.next = granted;
            granted = w;
        }

        return granted;
    }

    private static void CloseAll(Waiter? granted)
    {
        while (granted is not null)
        {
            Waiter w = granted;
            granted = w.next;
            w.ready.Close();
        }
    }

    private void Unlink(Waiter w)
    {
        if (w.prev is null)
        {
            _head = w.next;
        }
        else
        {
            w.prev.next = w.next;
        }

        if (w.next is null)
        {
            _tail = w.prev;
        }
        else
        {
            w.next.prev = w.prev;
        }

        w.prev = null;
        w.next = null;
    }

    private enum Step : byte
    {
        Acquired,
        Failed,
        TooLarge,
        Wait,
    }

    /// <summary>A queued request. Fields other than <see cref="ready"/> are guarded by the semaphore's lock.</summary>
    private sealed class Waiter
    {
        internal readonly long n;
        internal readonly Chan<Unit> ready = new();
        internal bool granted;
        internal Waiter? prev;
        internal Waiter? next;

        internal Waiter(long n)
        {
            this.n = n;
        }
    }
}
