using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// Waits for a collection of goroutines to finish (Go's <c>sync.WaitGroup</c>): <see cref="Add"/>
/// before starting each, <see cref="Done"/> when each finishes, <see cref="Wait"/> until all have.
/// </summary>
/// <remarks>
/// One 64-bit state word as in Go: the counter in the high half, the number of waiters in the
/// low half; waiters sleep on a semaphore that the <see cref="Add"/> bringing the counter to zero
/// releases once per waiter. A WaitGroup can be reused once <see cref="Wait"/> has returned.
/// </remarks>
public sealed class WaitGroup
{
    private long _state;
    private readonly Sema _sema = new();

    /// <summary>Adds <paramref name="delta"/> (which may be negative) to the counter.</summary>
    /// <exception cref="InvalidOperationException">The counter goes negative, or Add races with Wait.</exception>
    public void Add(int delta)
    {
        _sema.NoteUse();
        GoSharp.Testing.Bubble? bubble = GoSharp.Testing.Bubble.Current;
        if (bubble != Volatile.Read(ref _sema.bubble))
        {
            Associate(bubble);
        }

        long state = Interlocked.Add(ref _state, (long)delta << 32);
        int v = (int)(state >> 32);
        int w = (int)state;
        if (v < 0)
        {
            Interlocked.Add(ref _state, -((long)delta << 32));
            throw new InvalidOperationException("sync: negative WaitGroup counter");
        }

        if (w != 0 && delta > 0 && v == delta)
        {
            throw new InvalidOperationException("sync: WaitGroup misuse: Add called concurrently with Wait");
        }

        if (v > 0 || w == 0)
        {
            return;
        }

        // The counter reached zero with waiters: nobody may change the state meanwhile (Go's rule).
        if (Interlocked.Read(ref _state) != state)
        {
            throw new InvalidOperationException("sync: WaitGroup misuse: Add called concurrently with Wait");
        }

        Volatile.Write(ref _state, 0);
        for (; w > 0; w--)
        {
            _sema.Release();
        }
    }

    /// <summary>Decrements the counter by one.</summary>
    public void Done() => Add(-1);

    /// <summary>Blocks until the counter is zero. In a <c>[Goroutine]</c> method this parks instead.</summary>
    [AwaitableForm(nameof(WaitAsync))]
    public void Wait()
    {
        _sema.NoteUse();
        if (Register())
        {
            _sema.Acquire(WaitReason.WaitGroupWait);
            CheckNotReused();
        }
    }

    /// <summary>Parks the goroutine until the counter is zero: <c>await wg.WaitAsync();</c>.</summary>
    public WaitAwaitable WaitAsync() => new(this, Register());

    /// <summary>
    /// Runs <paramref name="f"/> in a new goroutine counted by this group (Go 1.25's
    /// <c>wg.Go(f)</c>): <c>Add(1)</c> now, <c>Done()</c> when <paramref name="f"/> returns or throws.
    /// </summary>
    public void Go([GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Add(1);
        global::GoSharp.Go.go(() =>
        {
            try
            {
                f();
            }
            finally
            {
                Done();
            }
        });
    }

    /// <summary>Runs goroutine code <paramref name="f"/> in a new goroutine counted by this group.</summary>
    public void Go([GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Add(1);
        global::GoSharp.Go.go(async () =>
        {
            try
            {
                await f();
            }
            finally
            {
                Done();
            }
        });
    }

    /// <summary>
    /// Go's bubble association: the first Add inside a SyncTest bubble ties the group to it (its
    /// Wait is then durably blocking there); while the counter is not zero, Add from outside the
    /// bubble, or from another bubble, is an error. A group at zero may move freely.
    /// </summary>
    private void Associate(GoSharp.Testing.Bubble? bubble)
    {
        if ((int)(Interlocked.Read(ref _state) >> 32) != 0)
        {
            throw new InvalidOperationException(Volatile.Read(ref _sema.bubble) is null || bubble is null
                ? "sync: WaitGroup.Add called from inside and outside a SyncTest bubble while its counter is not zero"
                : "sync: WaitGroup.Add called from two SyncTest bubbles while its counter is not zero");
        }

        Volatile.Write(ref _sema.bubble, bubble);
    }

    /// <summary>Counts this caller as a waiter unless the counter is zero; true if it must wait.</summary>
    private bool Register()
    {
        while (true)
        {
            long state = Interlocked.Read(ref _state);
            if ((int)(state >> 32) == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return true;
            }
        }
    }

    private void CheckNotReused()
    {
        if (Interlocked.Read(ref _state) != 0)
        {
            throw new InvalidOperationException("sync: WaitGroup is reused before previous Wait has returned");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"WaitGroup (counter {(int)(Interlocked.Read(ref _state) >> 32)}, waiters {(int)Interlocked.Read(ref _state)})";

    /// <summary>Awaitable of <see cref="WaitAsync"/>.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public readonly struct WaitAwaitable : System.Runtime.CompilerServices.ICriticalNotifyCompletion, IGoAwaiter
    {
        private readonly WaitGroup _group;
        private readonly SemaAwaitable _wait;
        private readonly bool _mustWait;

        internal WaitAwaitable(WaitGroup group, bool mustWait)
        {
            _group = group;
            _mustWait = mustWait;
            _wait = mustWait ? new SemaAwaitable(group._sema, WaitReason.WaitGroupWait) : default;
        }

        /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
        public WaitAwaitable GetAwaiter() => this;

        /// <summary>True once the counter is zero.</summary>
        public bool IsCompleted => _wait.IsCompleted;

        /// <summary>Checks the group was not reused while waiting.</summary>
        public void GetResult()
        {
            if (_mustWait)
            {
                _group.CheckNotReused();
            }
        }

        void IGoAwaiter.Suspend(Frame frame) => _wait.Park(frame);

        /// <summary>Not supported outside goroutine code.</summary>
        public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported outside goroutine code.</summary>
        public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }
}
