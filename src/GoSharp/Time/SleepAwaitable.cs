using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.CompilerServices;
using GoSharp.Runtime;
using GoSharp.Time;

namespace GoSharp;

/// <summary>Awaitable of <see cref="Go.SleepAsync"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SleepAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    private readonly long _nanoseconds;

    internal SleepAwaitable(TimeSpan duration)
    {
        _nanoseconds = duration <= TimeSpan.Zero ? 0 : duration.Ticks * 100;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public SleepAwaitable GetAwaiter() => this;

    /// <summary>True for a duration that is not positive.</summary>
    public bool IsCompleted => _nanoseconds == 0;

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    void IGoAwaiter.Suspend(Frame frame)
    {
        G g = Sched.BeginPark(frame, WaitReason.Sleep);
        if (g.run?.bubble is GoSharp.Testing.Bubble bubble)
        {
            bubble.AddTimer(SleepTimer.Rent(g, bubble.Deadline(_nanoseconds))); // on the bubble's clock
            return;
        }

        Sched.AddTimer(SleepTimer.Rent(g, Nanotime.Now() + _nanoseconds));
    }

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
