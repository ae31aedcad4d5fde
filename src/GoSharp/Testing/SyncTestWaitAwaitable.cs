using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>Awaitable of <see cref="SyncTest.WaitAsync"/>: parks the goroutine until every other goroutine of its bubble is durably blocked.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SyncTestWaitAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    private readonly Bubble _bubble;

    internal SyncTestWaitAwaitable(Bubble bubble)
    {
        _bubble = bubble;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public SyncTestWaitAwaitable GetAwaiter() => this;

    /// <summary>Always false: only the bubble's scheduler knows when the others are blocked. Claims the bubble's one wait.</summary>
    public bool IsCompleted
    {
        get
        {
            _bubble.ClaimWait();
            return false;
        }
    }

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    void IGoAwaiter.Suspend(Frame frame) => _bubble.SetWaiter(Sched.BeginPark(frame, WaitReason.SyncTestWait));

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw NotOnGoroutine();

    private InvalidOperationException NotOnGoroutine()
    {
        _bubble.UnclaimWait();
        return Sched.NotOnGoroutine();
    }
}
