using GoSharp.Runtime;

namespace GoSharp.Time;

/// <summary>
/// The runtime timer behind <see cref="Timer"/>, <see cref="Ticker"/> and <c>AfterFunc</c>: on
/// firing it sends the time on its channel without blocking (a buffer of one; a tick nobody has
/// taken yet is dropped, as in Go) or starts a goroutine.
/// </summary>
/// <remarks>
/// Stop and Reset follow Go 1.23: once they return, no value sent before them can be received
/// (the buffer is emptied under the same lock the firing path checks <see cref="RuntimeTimer.seq"/>
/// under). Lock order: this timer's lock, then a heap's lock or the channel's lock.
/// </remarks>
internal sealed class ChanTimer : RuntimeTimer
{
    private SpinLockSlim _lock;
    private readonly Action? _startFunc;

    internal ChanTimer(Chan<DateTime>? chan, Action? startFunc, long period)
    {
        Chan = chan;
        _startFunc = startFunc;
        this.period = period;
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
            Chan?.TrySendNow(DateTime.UtcNow);
        }

        _lock.Exit();
        if (current)
        {
            _startFunc?.Invoke(); // AfterFunc: starts the function's goroutine
        }
    }

    /// <summary>Arms the timer to fire after <paramref name="delay"/>; true if it was armed before.</summary>
    internal bool Start(TimeSpan delay, long newPeriod)
    {
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
        _lock.Enter();
        bool wasArmed = DisarmLocked();
        _lock.Exit();
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
