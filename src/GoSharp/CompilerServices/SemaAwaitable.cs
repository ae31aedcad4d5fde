using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Awaitable of a sync operation that may have to wait for a semaphore unit (a WaitGroup wait, a
/// reader lock, ...): already complete when the operation's fast path succeeded, otherwise it
/// parks the goroutine until the unit is handed over.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SemaAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    private readonly Sema? _sema;
    private readonly WaitReason _reason;
    private readonly bool _lifo;

    internal SemaAwaitable(Sema sema, WaitReason reason, bool lifo = false)
    {
        _sema = sema;
        _reason = reason;
        _lifo = lifo;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public SemaAwaitable GetAwaiter() => this;

    /// <summary>True if no wait is needed (the fast path succeeded, or a unit is free now).</summary>
    public bool IsCompleted => _sema is null || _sema.TryAcquire();

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    void IGoAwaiter.Suspend(Frame frame) => Park(frame);

    internal void Park(Frame frame) => _sema!.Park(frame, _reason, _lifo);

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
