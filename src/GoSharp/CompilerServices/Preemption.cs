using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Cooperative preemption points for goroutine code. sysmon asks a goroutine that has run for
/// 10 ms to yield; the goroutine does so at its next checkpoint.
/// </summary>
/// <remarks>
/// Two forms. <see cref="Checkpoint"/> is an awaitable for loops that also park (it suspends only
/// when asked to). <see cref="Current"/> gives a <see cref="PreemptionFlag"/> for loops with no park
/// site, which the generator runs as plain synchronous code: reading the flag on a back-edge is one
/// memory load the JIT inlines, and the loop returns to its async caller only to yield.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Preemption
{
    /// <summary>A checkpoint: <c>await Preemption.Checkpoint();</c> yields only when asked to.</summary>
    public static CheckpointAwaitable Checkpoint() => default;

    /// <summary>The current goroutine's preemption flag (unset forever on a plain thread).</summary>
    public static PreemptionFlag Current => new(Sched.CurrentG ?? ThreadG.Current);
}

/// <summary>A goroutine's preemption request, cheap to poll in a tight loop.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PreemptionFlag
{
    // Never null (a plain thread's stand-in is never asked to yield), so a back-edge check is
    // one load and one branch.
    private readonly G _g;

    internal PreemptionFlag(G g)
    {
        _g = g;
    }

    /// <summary>True once the scheduler has asked this goroutine to yield.</summary>
    public bool IsRequested
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _g.preempt);
    }
}

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
