using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

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
    public static Timer NewTimer(TimeSpan duration) => new(duration, startFunc: null);

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
        return new Timer(duration, () => go(f));
    }

    /// <summary>Runs goroutine code <paramref name="f"/> in its own goroutine after <paramref name="duration"/>; see <see cref="AfterFunc(TimeSpan, Action)"/>.</summary>
    public static Timer AfterFunc(TimeSpan duration, [GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Timer(duration, () => go(f));
    }

    /// <summary>
    /// Go's <c>defer</c>: <c>using var _ = Defer(wg.Done);</c> runs the action when the scope
    /// ends, however it ends. Like Go, the delegate (and what it is bound to) is fixed here.
    /// </summary>
    public static Deferred Defer(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new Deferred(action);
    }
}

/// <summary>An action run when disposed: see <see cref="Go.Defer"/>.</summary>
public readonly struct Deferred : IDisposable
{
    private readonly Action? _action;

    internal Deferred(Action action)
    {
        _action = action;
    }

    /// <summary>Runs the deferred action.</summary>
    public void Dispose() => _action?.Invoke();
}

/// <summary>Awaitable of <see cref="Go.SleepAsync"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SleepAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    private readonly long _nanoseconds;

    internal SleepAwaitable(TimeSpan duration)
    {
        _nanoseconds = duration <= TimeSpan.Zero ? 0 : duration.Ticks * 100;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public SleepAwaitable GetAwaiter() => this;

    /// <summary>True for a duration that is not positive.</summary>
    public bool IsCompleted => _nanoseconds == 0;

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    void IGoAwaiter.Suspend(Frame frame)
    {
        G g = Sched.BeginPark(frame, WaitReason.Sleep);
        Sched.AddTimer(SleepTimer.Rent(g, Nanotime.Now() + _nanoseconds));
    }

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
