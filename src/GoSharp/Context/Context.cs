namespace GoSharp;

/// <summary>
/// Carries a deadline, a cancellation signal and request-scoped values across API boundaries and
/// goroutines (Go's <c>context.Context</c>). Start from <see cref="Background"/> and derive with
/// <see cref="WithCancel"/>, <see cref="WithTimeout"/>, <see cref="WithDeadline"/>,
/// <see cref="WithValue"/> or <see cref="WithCancellation"/>; cancelling a context cancels every
/// context derived from it, never its parent.
/// </summary>
/// <remarks>
/// <para>
/// Only GoSharp implements this class, so a derived context registers directly with its nearest
/// cancellable ancestor: propagation never needs a goroutine per child. A context is safe to use
/// from any number of goroutines and plain threads at once.
/// </para>
/// <para>
/// <see cref="Done"/> is a channel closed on cancellation: receive from it (it then returns at once)
/// or use it in <c>Go.Select</c>/<c>Go.SelectAsync</c>. <see cref="CancellationToken"/> and
/// <see cref="WithCancellation"/> bridge to and from .NET's cancellation.
/// </para>
/// </remarks>
public abstract class Context
{
    /// <summary>The context this one was derived from; null for the roots.</summary>
    internal readonly Context? parent;

    /// <summary>This context if it can be cancelled, else its nearest cancellable ancestor; null if none.</summary>
    internal CancelContext? canceler;

    private readonly DateTime? _deadline;

    internal Context(Context? parent, DateTime? deadline)
    {
        this.parent = parent;
        _deadline = deadline;
        canceler = parent?.canceler;
    }

    /// <summary>
    /// The root context: never cancelled, no values, no deadline (Go's <c>context.Background()</c>).
    /// Its <see cref="Done"/> is the nil channel, which is never ready.
    /// </summary>
    public static Context Background { get; } = new EmptyContext("context.Background");

    /// <summary>Like <see cref="Background"/>, for code that does not yet know which context to use (Go's <c>context.TODO()</c>).</summary>
    public static Context TODO { get; } = new EmptyContext("context.TODO");

    /// <summary>The error <see cref="Err"/> returns once a context is cancelled: "context canceled".</summary>
    public static ContextCanceledException Canceled { get; } = new();

    /// <summary>The error <see cref="Err"/> returns once a context's deadline has passed: "context deadline exceeded".</summary>
    public static DeadlineExceededException DeadlineExceeded { get; } = new();

    /// <summary>
    /// The time (UTC) at which this context is cancelled with <see cref="DeadlineExceeded"/>, or
    /// null if it has no deadline.
    /// </summary>
    public DateTime? Deadline => _deadline;

    /// <summary>
    /// A token cancelled when this context is done, for .NET APIs. Created on first use;
    /// <see cref="System.Threading.CancellationToken.None"/> for a context that can never be
    /// cancelled, and an already cancelled token for a context that is done. Its callbacks run on
    /// the thread (or goroutine) that cancels the context, after the context is cancelled.
    /// </summary>
    public CancellationToken CancellationToken => canceler?.Token() ?? CancellationToken.None;

    /// <summary>
    /// A channel closed when this context is cancelled or its deadline passes (Go's
    /// <c>ctx.Done()</c>); the nil channel, never ready, for a context that can never be
    /// cancelled. Created on first use; successive calls return the same channel.
    /// </summary>
    public ReceiveOnlyChan<Unit> Done() => canceler is { } c ? c.DoneChan() : default;

    /// <summary>
    /// Null while <see cref="Done"/> is open; afterwards <see cref="Canceled"/> or
    /// <see cref="DeadlineExceeded"/> (Go's <c>ctx.Err()</c>).
    /// </summary>
    public Exception? Err() => canceler?.Error();

    /// <summary>
    /// Why the context was cancelled (Go's <c>context.Cause</c>): the cause given to a
    /// <see cref="WithCancelCause"/> cancel function, else the same as <see cref="Err"/>; null while live.
    /// </summary>
    public Exception? Cause() => canceler?.CauseValue();

    /// <summary>
    /// The value associated with <paramref name="key"/> by the nearest <see cref="WithValue"/> in
    /// this context's chain, or null (Go's <c>ctx.Value(key)</c>). Keys compare with
    /// <see cref="object.Equals(object, object)"/>; use a private type's instance as key to avoid clashes.
    /// </summary>
    public object? Value(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (Context? c = this; c is not null; c = c.parent)
        {
            if (c is ValueContext v && Equals(v.key, key))
            {
                return v.value;
            }
        }

        return null;
    }

    /// <summary>
    /// A child of <paramref name="parent"/> with its own cancel function (Go's
    /// <c>context.WithCancel</c>). The child is done when the function is called or the parent is
    /// done, whichever is first. Calling the function more than once does nothing; call it as soon
    /// as the work is finished, so that the parent forgets the child.
    /// </summary>
    public static (Context Ctx, Action Cancel) WithCancel(Context parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var c = new CancelContext(parent, parent.Deadline);
        c.Propagate();
        return (c, c.CancelFunc());
    }

    /// <summary>
    /// Like <see cref="WithCancel"/>, but the cancel function records a cause that
    /// <see cref="Cause"/> returns (Go's <c>context.WithCancelCause</c>); a null cause means
    /// <see cref="Canceled"/>. <see cref="Err"/> is <see cref="Canceled"/> either way.
    /// </summary>
    public static (Context Ctx, Action<Exception?> Cancel) WithCancelCause(Context parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var c = new CancelContext(parent, parent.Deadline);
        c.Propagate();
        return (c, cause => c.Cancel(removeFromParent: true, Canceled, cause));
    }

    /// <summary>
    /// A child of <paramref name="parent"/> that is cancelled with <see cref="DeadlineExceeded"/> at
    /// <paramref name="deadline"/> (Go's <c>context.WithDeadline</c>), or earlier by its cancel
    /// function or its parent. A deadline later than the parent's changes nothing (the result
    /// behaves as <see cref="WithCancel"/>); a deadline already passed cancels the child at once.
    /// The timer is stopped when the child is cancelled.
    /// </summary>
    /// <param name="parent">The parent context.</param>
    /// <param name="deadline">The deadline; a local time is converted to UTC, an unspecified one is taken as UTC.</param>
    public static (Context Ctx, Action Cancel) WithDeadline(Context parent, DateTime deadline)
    {
        ArgumentNullException.ThrowIfNull(parent);
        deadline = deadline.Kind switch
        {
            DateTimeKind.Local => deadline.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(deadline, DateTimeKind.Utc),
            _ => deadline,
        };

        if (parent.Deadline is DateTime current && current < deadline)
        {
            return WithCancel(parent); // the parent's deadline comes first anyway
        }

        var c = new TimerContext(parent, deadline);
        c.Propagate();
        c.Arm(deadline - Time.Clock.UtcNow());
        return (c, c.CancelFunc());
    }

    /// <summary>
    /// <c>WithDeadline(parent, DateTime.UtcNow + timeout)</c> (Go's <c>context.WithTimeout</c>);
    /// inside a SyncTest bubble, the bubble's clock stands for <c>DateTime.UtcNow</c>.
    /// </summary>
    public static (Context Ctx, Action Cancel) WithTimeout(Context parent, TimeSpan timeout)
    {
        DateTime now = Time.Clock.UtcNow();
        DateTime deadline = timeout >= DateTime.MaxValue - now ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : now + timeout;
        return WithDeadline(parent, deadline);
    }

    /// <summary>
    /// A child of <paramref name="parent"/> carrying <paramref name="value"/> under
    /// <paramref name="key"/> (Go's <c>context.WithValue</c>); it is cancelled exactly when its parent is.
    /// </summary>
    public static Context WithValue(Context parent, object key, object? value)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(key);
        return new ValueContext(parent, key, value);
    }

    /// <summary>
    /// A child of <paramref name="parent"/> that is also cancelled, with <see cref="Canceled"/>, when
    /// <paramref name="token"/> is (the bridge from .NET cancellation into contexts). The token
    /// registration is removed as soon as the child is done, however that happens.
    /// </summary>
    public static (Context Ctx, Action Cancel) WithCancellation(Context parent, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var c = new CancelContext(parent, parent.Deadline);
        c.Propagate();
        if (token.IsCancellationRequested)
        {
            c.Cancel(removeFromParent: true, Canceled, null);
        }
        else if (token.CanBeCanceled && c.Error() is null)
        {
            c.SetRegistration(token.UnsafeRegister(
                static state => ((CancelContext)state!).Cancel(removeFromParent: true, Canceled, null), c));
        }

        return (c, c.CancelFunc());
    }
}
