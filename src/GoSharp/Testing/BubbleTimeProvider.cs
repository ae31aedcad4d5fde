namespace GoSharp.Testing;

/// <summary>
/// <see cref="SyncTest.TimeProvider"/>: the bubble's clock for ordinary .NET code
/// (<c>Task.Delay(d, timeProvider)</c>, <c>PeriodicTimer</c>, <c>CancellationTokenSource(d, timeProvider)</c>,
/// <c>GetUtcNow</c>). Its timers are timers of the bubble: their callbacks run in goroutines of
/// the bubble, and only the bubble may create or change them.
/// </summary>
internal sealed class BubbleTimeProvider : TimeProvider
{
    private readonly Bubble _bubble;

    internal BubbleTimeProvider(Bubble bubble)
    {
        _bubble = bubble;
    }

    /// <summary>The bubble's time.</summary>
    public override DateTimeOffset GetUtcNow() => new(_bubble.UtcNow);

    /// <summary>The bubble's clock in nanoseconds since its start.</summary>
    public override long GetTimestamp() => _bubble.NowNs;

    /// <summary>Nanoseconds.</summary>
    public override long TimestampFrequency => 1_000_000_000;

    /// <summary>A timer on the bubble's clock; its callback runs in a new goroutine of the bubble.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _bubble.CheckCaller("SyncTest.TimeProvider.CreateTimer");
        return new BubbleTimer(_bubble, callback, state, dueTime, period);
    }

    /// <inheritdoc/>
    public override string ToString() => $"SyncTest.TimeProvider (bubble {_bubble.id}, {_bubble.UtcNow:O})";
}
