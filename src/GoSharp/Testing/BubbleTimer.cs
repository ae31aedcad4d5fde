using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// A timer of <see cref="SyncTest.TimeProvider"/>: a runtime timer in the bubble's heap whose
/// firing starts a goroutine of the bubble running the callback. <see cref="Change"/> follows
/// <see cref="ITimer"/>: an infinite due time disarms it, an infinite or zero period makes it
/// one-shot; a due time already reached fires it at once (its goroutine runs at the bubble's next
/// scheduling point).
/// </summary>
internal sealed class BubbleTimer : RuntimeTimer, ITimer
{
    private readonly Bubble _bubble;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private SpinLockSlim _lock;
    private bool _disposed;

    internal BubbleTimer(Bubble bubble, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _bubble = bubble;
        _callback = callback;
        _state = state;
        Change(dueTime, period);
    }

    /// <inheritdoc/>
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        CheckInterval(dueTime, nameof(dueTime));
        CheckInterval(period, nameof(period));
        _bubble.CheckCaller("ITimer.Change of a SyncTest.TimeProvider timer");
        _lock.Enter();
        if (_disposed)
        {
            _lock.Exit();
            return false;
        }

        seq++;
        Sched.RemoveTimer(this);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            this.period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Math.Max(1, period.Ticks * 100);
            when = _bubble.Deadline(dueTime);
            _bubble.AddTimer(this);
        }

        _lock.Exit();
        _bubble.RunDueTimers();
        return true;
    }

    internal override void Fire(int seqAtExpiry)
    {
        _lock.Enter();
        bool current = seq == seqAtExpiry && !_disposed;
        _lock.Exit();
        if (current)
        {
            _bubble.TrySpawn(ActionG.Create(Invoke));
        }
    }

    /// <summary>
    /// Runs the callback with no synchronization context: what it completes (Task.Delay's task,
    /// a PeriodicTimer tick) then runs context-free continuations (<c>ConfigureAwait(false)</c>)
    /// inline, in this goroutine, instead of sending them to the thread pool and out of the
    /// bubble; continuations that captured the bubble's context are posted to it as usual.
    /// </summary>
    private void Invoke()
    {
        SynchronizationContext? context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            _callback(_state);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Disarms the timer for good; allowed from anywhere, and after the bubble has ended.</summary>
    public void Dispose()
    {
        _lock.Enter();
        _disposed = true;
        seq++;
        _lock.Exit();
        Sched.RemoveTimer(this);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private static void CheckInterval(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "The time must be zero or positive, or Timeout.InfiniteTimeSpan.");
        }
    }
}
