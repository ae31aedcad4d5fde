namespace GoSharp;

/// <summary>
/// A cancellable context with a deadline (Go's <c>timerCtx</c>): a runtime timer
/// (<see cref="Go.AfterFunc(TimeSpan, Action)"/>) cancels it with <see cref="Context.DeadlineExceeded"/> and the
/// cause given to <c>WithDeadlineCause</c>; the timer is stopped when the context is cancelled first.
/// </summary>
internal sealed class TimerContext : CancelContext
{
    /// <summary>Deadlines further away than this never fire in practice: no timer is armed for them.</summary>
    private static readonly TimeSpan s_never = TimeSpan.FromDays(365 * 100);

    private Timer? _timer;

    internal TimerContext(Context parent, DateTime deadline)
        : base(parent, deadline)
    {
    }

    private protected override bool HasEndWorkLocked => _timer is not null || base.HasEndWorkLocked;

    /// <summary>Starts the timer, or cancels at once if the deadline has already passed.</summary>
    internal void Arm(TimeSpan remaining, Exception? cause)
    {
        if (remaining <= TimeSpan.Zero)
        {
            Cancel(removeFromParent: true, DeadlineExceeded, cause);
            return;
        }

        if (remaining > s_never)
        {
            return;
        }

        Timer timer = Go.AfterFunc(remaining, () => Cancel(removeFromParent: true, DeadlineExceeded, cause));
        syncLock.Enter();
        if (Err() is null)
        {
            _timer = timer;
            syncLock.Exit();
            return;
        }

        syncLock.Exit();
        timer.Stop(); // cancelled (by the parent, or by the timer itself) before the timer was recorded
    }

    private protected override void OnEnded()
    {
        _timer?.Stop();
        base.OnEnded();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        DateTime deadline = Deadline!.Value;
        return $"{parent}.WithDeadline({deadline:O} [{deadline - Time.Clock.UtcNow()}])";
    }
}
