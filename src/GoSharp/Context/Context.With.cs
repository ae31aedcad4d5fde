namespace GoSharp;

/// <content>The functions that derive a context from a parent (Go's <c>With*</c>).</content>
public abstract partial class Context
{
    /// <summary>
    /// A child of <paramref name="parent"/> with its own cancel function (Go's
    /// <c>context.WithCancel</c>). The child is done when the function is called or the parent is
    /// done, whichever is first; in the second case it takes the parent's <see cref="Err"/> and
    /// <see cref="Cause"/>. Calling the function more than once does nothing; call it as soon as
    /// the work is finished, so that the parent forgets the child.
    /// </summary>
    public static (Context Ctx, Action Cancel) WithCancel(Context parent)
    {
        CancelContext c = NewCancelContext(parent);
        return (c, c.CancelFunc());
    }

    /// <summary>
    /// Like <see cref="WithCancel"/>, but the cancel function records a cause that
    /// <see cref="Cause"/> returns (Go's <c>context.WithCancelCause</c>); a null cause means
    /// <see cref="Canceled"/>. <see cref="Err"/> is <see cref="Canceled"/> either way. A context
    /// already cancelled keeps its first cause.
    /// </summary>
    public static (Context Ctx, Action<Exception?> Cancel) WithCancelCause(Context parent)
    {
        CancelContext c = NewCancelContext(parent);
        return (c, cause => c.Cancel(removeFromParent: true, Canceled, cause));
    }

    /// <summary>
    /// A child of <paramref name="parent"/> that is cancelled with <see cref="DeadlineExceeded"/> at
    /// <paramref name="deadline"/> (Go's <c>context.WithDeadline</c>), or earlier by its cancel
    /// function or its parent. A deadline later than the parent's changes nothing (the result
    /// behaves as <see cref="WithCancel"/>, with the parent's deadline); a deadline already passed
    /// cancels the child at once. The timer is stopped when the child is cancelled.
    /// </summary>
    /// <param name="parent">The parent context.</param>
    /// <param name="deadline">The deadline; a local time is converted to UTC, an unspecified one is taken as UTC.</param>
    public static (Context Ctx, Action Cancel) WithDeadline(Context parent, DateTime deadline) =>
        WithDeadlineCause(parent, deadline, cause: null);

    /// <summary>
    /// Like <see cref="WithDeadline"/>, but when the deadline passes <see cref="Cause"/> is
    /// <paramref name="cause"/> (Go's <c>context.WithDeadlineCause</c>); <see cref="Err"/> is still
    /// <see cref="DeadlineExceeded"/>. The cancel function does not set the cause.
    /// </summary>
    /// <param name="parent">The parent context.</param>
    /// <param name="deadline">The deadline; a local time is converted to UTC, an unspecified one is taken as UTC.</param>
    /// <param name="cause">The cause when the deadline passes; null means <see cref="DeadlineExceeded"/>.</param>
    public static (Context Ctx, Action Cancel) WithDeadlineCause(Context parent, DateTime deadline, Exception? cause)
    {
        ArgumentNullException.ThrowIfNull(parent);
        deadline = deadline.Kind switch
        {
            DateTimeKind.Local => deadline.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(deadline, DateTimeKind.Utc),
            _ => deadline,
        };

        if (AsUtc(parent.Deadline) is DateTime current && current < deadline)
        {
            return WithCancel(parent); // the parent's deadline comes first anyway
        }

        var c = new TimerContext(parent, deadline);
        c.Propagate();
        c.Arm(deadline - Time.Clock.UtcNow(), cause);
        return (c, c.CancelFunc());
    }

    /// <summary>
    /// <c>WithDeadline(parent, DateTime.UtcNow + timeout)</c> (Go's <c>context.WithTimeout</c>);
    /// inside a SyncTest bubble, the bubble's clock stands for <c>DateTime.UtcNow</c>.
    /// </summary>
    public static (Context Ctx, Action Cancel) WithTimeout(Context parent, TimeSpan timeout) =>
        WithDeadlineCause(parent, DeadlineAfter(timeout), cause: null);

    /// <summary>
    /// <c>WithDeadlineCause(parent, DateTime.UtcNow + timeout, cause)</c> (Go's <c>context.WithTimeoutCause</c>).
    /// </summary>
    public static (Context Ctx, Action Cancel) WithTimeoutCause(Context parent, TimeSpan timeout, Exception? cause) =>
        WithDeadlineCause(parent, DeadlineAfter(timeout), cause);

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
    /// A child of <paramref name="parent"/> that keeps its values but is never cancelled (Go's
    /// <c>context.WithoutCancel</c>): no deadline, a nil <see cref="Done"/>, a null
    /// <see cref="Err"/> and <see cref="Cause"/>, whatever happens to the parent. For work that
    /// must outlive the request that started it.
    /// </summary>
    public static Context WithoutCancel(Context parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return new WithoutCancelContext(parent);
    }

    /// <summary>
    /// A child of <paramref name="parent"/> that is also cancelled, with <see cref="Canceled"/>, when
    /// <paramref name="token"/> is (the bridge from .NET cancellation into contexts). The token
    /// registration is removed as soon as the child is done, however that happens.
    /// </summary>
    public static (Context Ctx, Action Cancel) WithCancellation(Context parent, CancellationToken token)
    {
        CancelContext c = NewCancelContext(parent);
        if (token.IsCancellationRequested)
        {
            c.Cancel(removeFromParent: true, Canceled, null);
        }
        else if (token.CanBeCanceled && c.Err() is null)
        {
            c.SetRegistration(token.UnsafeRegister(
                static state => ((CancelContext)state!).Cancel(removeFromParent: true, Canceled, null), c));
        }

        return (c, c.CancelFunc());
    }

    private static CancelContext NewCancelContext(Context parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var c = new CancelContext(parent);
        c.Propagate();
        return c;
    }

    private static DateTime DeadlineAfter(TimeSpan timeout)
    {
        DateTime now = Time.Clock.UtcNow(); // a SyncTest bubble's clock inside one
        if (timeout >= DateTime.MaxValue - now)
        {
            return DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        }

        return timeout <= DateTime.MinValue - now ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : now + timeout;
    }
}
