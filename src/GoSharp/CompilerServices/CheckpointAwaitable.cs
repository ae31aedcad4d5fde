using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>Awaitable of <see cref="Preemption.Checkpoint"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CheckpointAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public CheckpointAwaitable GetAwaiter() => this;

    /// <summary>True unless the goroutine has been asked to yield.</summary>
    public bool IsCompleted
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => !Sched.PreemptRequested;
    }

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    void IGoAwaiter.Suspend(Frame frame) => Sched.Yield(frame, WaitReason.Preempted);

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
