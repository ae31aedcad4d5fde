using GoSharp.Time;

namespace GoSharp;

/// <summary>
/// Sends the time on <see cref="C"/> every period (Go's <c>time.Ticker</c>). A slow receiver
/// misses ticks rather than queueing them. Serviced by the scheduler: no thread waits for it.
/// </summary>
public sealed class Ticker
{
    private readonly ChanTimer _timer;

    internal Ticker(TimeSpan period)
    {
        long ns = CheckPeriod(period);
        _timer = new ChanTimer(new Chan<DateTime>(1), startGoroutine: null, ns);
        _timer.Start(period, ns);
    }

    /// <summary>The channel the ticks are sent on.</summary>
    public ReceiveOnlyChan<DateTime> C => _timer.Chan;

    /// <summary>Turns the ticker off; no tick sent before can be received afterwards.</summary>
    public void Stop() => _timer.Stop();

    /// <summary>Stops the ticker and restarts it with a new period.</summary>
    public void Reset(TimeSpan period) => _timer.Start(period, CheckPeriod(period));

    private static long CheckPeriod(TimeSpan period) => period > TimeSpan.Zero
        ? period.Ticks * 100
        : throw new ArgumentOutOfRangeException(nameof(period), period, "non-positive interval for NewTicker");
}
