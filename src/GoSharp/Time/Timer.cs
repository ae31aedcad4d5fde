using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A single event in the future (Go's <c>time.Timer</c>): the current time is sent on
/// <see cref="C"/> when it fires, unless it was made by <c>AfterFunc</c>, which runs a function
/// in its own goroutine instead. Serviced by the scheduler: no thread waits for it.
/// </summary>
/// <remarks>
/// <see cref="Stop"/> and <see cref="Reset"/> follow Go 1.23: after they return, no value sent
/// earlier can be received from <see cref="C"/>. Times are UTC.
/// </remarks>
public sealed class Timer
{
    private readonly ChanTimer _timer;

    /// <param name="delay">When the timer fires.</param>
    /// <param name="startFunc">For <c>AfterFunc</c>: starts the function's goroutine; null for a timer with a channel.</param>
    internal Timer(TimeSpan delay, Action? startFunc)
    {
        _timer = new ChanTimer(startFunc is null ? new Chan<DateTime>(1) : null, startFunc, period: 0);
        _timer.Start(delay, 0);
    }

    /// <summary>The channel the time is sent on; the nil channel for a timer made by <c>AfterFunc</c>.</summary>
    public ReceiveOnlyChan<DateTime> C => _timer.Chan;

    /// <summary>Stops the timer. Returns true if that prevented it from firing, false if it had already fired or been stopped.</summary>
    public bool Stop() => _timer.Stop();

    /// <summary>Re-arms the timer to fire after <paramref name="delay"/>. Returns true if it had been active.</summary>
    public bool Reset(TimeSpan delay) => _timer.Start(delay, 0);
}

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
        _timer = new ChanTimer(new Chan<DateTime>(1), startFunc: null, ns);
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
