using GoSharp.CompilerServices;
using GoSharp.Runtime;
using GoSharp.Testing;

namespace GoSharp;

public static partial class Go
{
    /// <summary>
    /// Pauses for <paramref name="duration"/> (Go's <c>time.Sleep</c>); zero or negative returns at
    /// once. This form blocks the thread (other goroutines keep running); in a <c>[Goroutine]</c>
    /// method the generator uses <see cref="SleepAsync"/>, which parks the goroutine on a timer.
    /// </summary>
    [AwaitableForm(nameof(SleepAsync))]
    public static void Sleep(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (Bubble.Current is Bubble bubble)
        {
            bubble.SleepThread(duration); // on the bubble's clock
            return;
        }

        P? p = Sched.EnterBlocking();
        Thread.Sleep(duration);
        Sched.ExitBlocking(p);
    }

    /// <summary>Parks the goroutine for <paramref name="duration"/>: <c>await Go.SleepAsync(d);</c>. No thread waits.</summary>
    public static SleepAwaitable SleepAsync(TimeSpan duration) => new(duration);

    /// <summary>A channel that receives the time once, after <paramref name="duration"/> (Go's <c>time.After</c>).</summary>
    public static ReceiveOnlyChan<DateTime> After(TimeSpan duration) => NewTimer(duration).C;

    /// <summary>
    /// A channel that receives the time every <paramref name="period"/> (Go's <c>time.Tick</c>);
    /// the nil channel if the period is not positive. The ticker cannot be stopped; use
    /// <see cref="NewTicker"/> for one that can.
    /// </summary>
    public static ReceiveOnlyChan<DateTime> Tick(TimeSpan period) => period > TimeSpan.Zero ? NewTicker(period).C : default;

    /// <summary>A timer that sends the time on its channel after <paramref name="duration"/> (Go's <c>time.NewTimer</c>).</summary>
    public static Timer NewTimer(TimeSpan duration) => new(duration, startGoroutine: null);

    /// <summary>A ticker that sends the time every <paramref name="period"/> (Go's <c>time.NewTicker</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is not positive.</exception>
    public static Ticker NewTicker(TimeSpan period) => new(period);

    /// <summary>
    /// Runs <paramref name="f"/> in its own goroutine after <paramref name="duration"/> (Go's
    /// <c>time.AfterFunc</c>), unless the returned timer is stopped first. The timer's channel is
    /// the nil channel.
    /// </summary>
    public static Timer AfterFunc(TimeSpan duration, [GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Timer(duration, () => ActionG.Create(f));
    }

    /// <summary>Runs goroutine code <paramref name="f"/> in its own goroutine after <paramref name="duration"/>; see <see cref="AfterFunc(TimeSpan, Action)"/>.</summary>
    public static Timer AfterFunc(TimeSpan duration, [GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Timer(duration, () => FuncG.Create(f));
    }
}
