using GoSharp.Time;

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
    /// <param name="startGoroutine">For <c>AfterFunc</c>: creates the function's goroutine; null for a timer with a channel.</param>
    internal Timer(TimeSpan delay, Func<Runtime.G>? startGoroutine)
    {
        _timer = new ChanTimer(startGoroutine is null ? new Chan<DateTime>(1) : null, startGoroutine, period: 0);
        _timer.Start(delay, 0);
    }

    /// <summary>The channel the time is sent on; the nil channel for a timer made by <c>AfterFunc</c>.</summary>
    public ReceiveOnlyChan<DateTime> C => _timer.Chan;

    /// <summary>Stops the timer. Returns true if that prevented it from firing, false if it had already fired or been stopped.</summary>
    public bool Stop() => _timer.Stop();

    /// <summary>Re-arms the timer to fire after <paramref name="delay"/>. Returns true if it had been active.</summary>
    public bool Reset(TimeSpan delay) => _timer.Start(delay, 0);
}
