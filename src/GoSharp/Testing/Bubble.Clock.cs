using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// The bubble's fake clock and its timers (Go's bubble.now and bubble.timers): the clock starts
/// at midnight UTC on 2000-01-01 and moves only when every goroutine of the bubble is durably
/// blocked, straight to the earliest timer; timers due at the same instant fire in an order drawn
/// from the seed.
/// </summary>
internal sealed partial class Bubble
{
    /// <summary>Where every bubble's clock starts, as in Go.</summary>
    internal static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The bubble's timers: Sleep, Timer, Ticker, AfterFunc, context deadlines, TimeProvider timers.</summary>
    internal readonly TimerHeap timers = new();

    /// <summary>Nanoseconds since <see cref="Epoch"/>; written only by the loop, under the lock.</summary>
    private long _now;

    /// <summary>The bubble's time, in nanoseconds since <see cref="Epoch"/>.</summary>
    internal long NowNs => Volatile.Read(ref _now);

    /// <summary>The bubble's time (UTC), to the tick.</summary>
    internal DateTime UtcNow => Epoch.AddTicks(NowNs / 100);

    /// <summary>The bubble instant <paramref name="delay"/> from now (now for a delay that is not positive; saturating).</summary>
    internal long Deadline(TimeSpan delay) => Deadline(delay <= TimeSpan.Zero ? 0 : delay.Ticks > long.MaxValue / 100 ? long.MaxValue : delay.Ticks * 100);

    /// <summary>The bubble instant <paramref name="delayNs"/> nanoseconds from now (saturating).</summary>
    internal long Deadline(long delayNs)
    {
        long now = NowNs;
        return delayNs <= 0 ? now : delayNs >= long.MaxValue - now ? long.MaxValue : now + delayNs;
    }

    /// <summary>Arms <paramref name="t"/> (its <see cref="RuntimeTimer.when"/> on this clock) in the bubble's heap.</summary>
    internal void AddTimer(RuntimeTimer t)
    {
        if (!IsFinished)
        {
            timers.Add(t); // a timer left in an ended bubble never fires, as in Go
        }
    }

    /// <summary>
    /// Fires every timer due now, in an order drawn from the seed (tickers re-arm themselves).
    /// Called by the loop, and by a goroutine that has just armed a timer already due.
    /// </summary>
    internal void RunDueTimers()
    {
        List<(RuntimeTimer Timer, int Seq)>? due = null;
        lock (_lock)
        {
            long now = _now;
            while (timers.TakeExpired(now, out RuntimeTimer? t, out int seq))
            {
                (due ??= new()).Add((t, seq));
            }

            if (due is null)
            {
                return;
            }

            _random.Shuffle(due);
            Trace($"fire {due.Count}");
        }

        // Without the lock: firing readies goroutines, sends on channels and starts goroutines.
        foreach ((RuntimeTimer t, int seq) in due)
        {
            t.Fire(seq);
        }
    }

    /// <summary>Every goroutine is durably blocked: the clock jumps to the next timer. Lock held.</summary>
    private void AdvanceLocked(long next)
    {
        Trace($"time +{TimeSpan.FromTicks((next - _now) / 100)}");
        Volatile.Write(ref _now, next);
    }

    /// <summary>Go.Sleep from a goroutine that runs on its thread: durably blocked until the bubble's clock gets there.</summary>
    internal void SleepThread(TimeSpan duration)
    {
        G g = ThreadWait.Begin(WaitReason.Sleep);
        AddTimer(Time.SleepTimer.Rent(g, Deadline(duration)));
        ThreadWait.Block(g);
    }
}
