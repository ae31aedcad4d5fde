using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>Awaitable that yields the goroutine's time slice (Go's runtime.Gosched).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct YieldAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public YieldAwaitable GetAwaiter() => this;

    /// <summary>Always false: yielding always suspends.</summary>
    public bool IsCompleted => false;

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    void IGoAwaiter.Suspend(Frame frame) => Sched.Yield(frame, WaitReason.Yield);

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
