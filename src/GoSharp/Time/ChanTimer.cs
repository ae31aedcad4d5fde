using GoSharp.Runtime;
using GoSharp.Testing;

namespace GoSharp.Time;

/// <summary>
/// The runtime timer behind <see cref="Timer"/>, <see cref="Ticker"/> and <c>AfterFunc</c>: on
/// firing it sends the time on its channel without blocking (a buffer of one; a tick nobody has
/// taken yet is dropped, as in Go) or starts a goroutine.
/// </summary>
/// <remarks>
/// Stop and Reset follow Go 1.23: once they return, no value sent before them can be received
/// (the buffer is emptied under the same lock the firing path checks <see cref="RuntimeTimer.seq"/>
/// under). Lock order: this timer's lock, then a heap's lock or the channel's lock. A timer made
/// in a SyncTest bubble runs on the bubble's clock and heap, and only the bubble may stop or
/// reset it.
/// </remarks>
internal sealed class ChanTimer : RuntimeTimer
{
    private SpinLockSlim _lock;
    private readonly Func<G>? _startGoroutine;

    /// <summary>The bubble the timer was created in (it runs on the bubble's clock), or null.</summary>
    private readonly Bubble? _bubble;

    /// <summary>For an AfterFunc timer of a bubble: the run its goroutine joins (the creator's).</summary>
    private readonly RunContext? _run;

    /// <param name="chan">The channel to send the time on; null for AfterFunc.</param>
    /// <param name="startGoroutine">For AfterFunc: creates the function's goroutine; null for a timer with a channel.</param>
    /// <param name="period">The ticker's period in nanoseconds; 0 for a one-shot timer.</param>
    internal ChanTimer(Chan<DateTime>? chan, Func<G>? startGoroutine, long period)
    {
        Chan = chan;
        _startGoroutine = startGoroutine;
        this.period = period;
        if (chan is not null)
        {
            _bubble = chan.bubble; // the channel has already read the thread's bubble
        }
        else if (Bubble.Current is Bubble bubble)
        {
            _bubble = bubble;
            _run = Sched.CurrentG?.run ?? bubble.run;
        }
    }

    internal Chan<DateTime>? Chan { get; }

    internal override void Fire(int seqAtExpiry)
    {
        _lock.Enter();
        bool current = seq == seqAtExpiry;
        if (current)
        {
            // The runtime's own send, often from a scheduler thread between goroutines: not a
            // plain thread using the channel, which would keep deadlock detection silent for good.
            Chan?.TrySendNow(_bubble?.UtcNow ?? DateTime.UtcNow);
        }

        _lock.Exit();
        if (current && _startGoroutine is not null)
        {
            Sched.Newproc(_startGoroutine(), _run); // AfterFunc: starts the function's goroutine
        }
    }

    /// <summary>Arms the timer to fire after <paramref name="delay"/>; true if it was armed before.</summary>
    internal bool Start(TimeSpan delay, long newPeriod)
    {
        if (_bubble is not null)
        {
            return StartInBubble(delay, newPeriod);
        }

        _lock.Enter();
        bool wasArmed = DisarmLocked();
        period = newPeriod;
        when = Nanotime.Now() + Math.Max(0, delay.Ticks * 100);
        Sched.AddTimer(this);
        _lock.Exit();
        return wasArmed;
    }

    /// <summary>Disarms the timer; true if it was armed (had not fired, or is a running ticker).</summary>
    internal bool Stop()
    {
        _bubble?.CheckCaller("stop of a timer");
        _lock.Enter();
        bool wasArmed = DisarmLocked();
        _lock.Exit();
        return wasArmed;
    }

    /// <summary>
    /// <see cref="Start"/> on the bubble's clock, in the bubble's heap. A timer already due (a
    /// zero delay) fires before this returns, as Go's bubble timers do: its channel is ready at
    /// once, and an AfterFunc's goroutine is started without waiting for the bubble to block.
    /// </summary>
    private bool StartInBubble(TimeSpan delay, long newPeriod)
    {
        Bubble bubble = _bubble!;
        bubble.CheckCaller("reset of a timer");
        _lock.Enter();
        bool wasArmed = DisarmLocked();
        period = newPeriod;
        when = bubble.Deadline(delay);
        bubble.AddTimer(this);
        _lock.Exit();
        bubble.RunDueTimers();
        return wasArmed;
    }

    private bool DisarmLocked()
    {
        seq++;
        bool wasArmed = Sched.RemoveTimer(this);
        Chan?.TryReceive(out DateTime _);
        return wasArmed;
    }
}
