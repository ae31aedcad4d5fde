namespace GoSharp;

/// <summary>
/// Carries a deadline, a cancellation signal and request-scoped values across API boundaries and
/// goroutines (Go's <c>context.Context</c>). Start from <see cref="Background"/> and derive with
/// <see cref="WithCancel"/>, <see cref="WithTimeout"/>, <see cref="WithDeadline"/>,
/// <see cref="WithValue"/>, <see cref="WithoutCancel"/> or <see cref="WithCancellation"/>;
/// cancelling a context cancels every context derived from it, never its parent.
/// </summary>
/// <remarks>
/// <para>
/// Go's <c>Context</c> is an interface; here it is an abstract class, so that the call syntax
/// stays the same for every context (<c>ctx.Done()</c>, <c>ctx.Cause()</c>,
/// <c>ctx.CancellationToken</c>) and the base class can hold the state that bridges any context,
/// including one you write, to .NET cancellation. To write your own (Go's custom contexts, such
/// as a wrapper that overrides <c>Done</c> or <c>Value</c>), derive from it and override the four
/// members of Go's interface: <see cref="Deadline"/>, <see cref="Done"/>, <see cref="Err"/> and
/// <see cref="Value"/>. Everything else works with such a context as it does in Go: the
/// <c>With*</c> functions and <see cref="AfterFunc(Context, Action)"/> find a GoSharp context it
/// wraps (through <see cref="Value"/>, when its <see cref="Done"/> is that context's channel) and
/// register with it directly; failing that they use its <see cref="IAfterFuncContext"/>
/// implementation if it has one, and otherwise start one goroutine per child that waits for
/// either the parent's or the child's <see cref="Done"/>.
/// </para>
/// <para>
/// A context is safe to use from any number of goroutines and plain threads at once.
/// <see cref="Done"/> is a channel closed on cancellation: receive from it (it then returns at
/// once) or use it in <c>Go.Select</c>/<c>Go.SelectAsync</c>. <see cref="CancellationToken"/> and
/// <see cref="WithCancellation"/> bridge to and from .NET's cancellation.
/// </para>
/// </remarks>
public abstract partial class Context
{
    /// <summary>The key a GoSharp cancellable context answers with itself (Go's <c>&amp;cancelCtxKey</c>).</summary>
    private protected static readonly object CancelContextKey = new();

    /// <summary>For a context GoSharp did not write: the cancellable child behind its <see cref="CancellationToken"/>.</summary>
    private CancelContext? _tokenBridge;

    /// <summary>Creates a context; for your own implementations of the four abstract members.</summary>
    protected Context()
    {
    }

    /// <summary>
    /// The root context: never cancelled, no values, no deadline (Go's <c>context.Background()</c>).
    /// Its <see cref="Done"/> is the nil channel, which is never ready.
    /// </summary>
    public static Context Background { get; } = new EmptyContext("context.Background");

    /// <summary>Like <see cref="Background"/>, for code that does not yet know which context to use (Go's <c>context.TODO()</c>).</summary>
    public static Context TODO { get; } = new EmptyContext("context.TODO");

    /// <summary>The error <see cref="Err"/> returns once a context is cancelled for any reason but its deadline: "context canceled".</summary>
    public static ContextCanceledException Canceled { get; } = new();

    /// <summary>The error <see cref="Err"/> returns once a context's deadline has passed: "context deadline exceeded".</summary>
    public static DeadlineExceededException DeadlineExceeded { get; } = new();

    /// <summary>
    /// The time (UTC) at which this context is cancelled with <see cref="DeadlineExceeded"/>, or
    /// null if it has no deadline (Go's <c>ctx.Deadline()</c>). Successive reads return the same value.
    /// </summary>
    public abstract DateTime? Deadline { get; }

    /// <summary>
    /// A token cancelled when this context is done, for .NET APIs. Created on first use;
    /// <see cref="System.Threading.CancellationToken.None"/> for a context that can never be
    /// cancelled, and an already cancelled token for a context that is done. Its callbacks run on
    /// the thread (or goroutine) that cancels the context, after the context is cancelled.
    /// </summary>
    /// <remarks>
    /// For a context you implemented, the token comes from a cancellable child made on first use
    /// (as <see cref="WithCancel"/> would), which lives as long as the context.
    /// </remarks>
    public CancellationToken CancellationToken => GetToken();

    /// <summary>
    /// A channel closed when work done on behalf of this context should stop (Go's
    /// <c>ctx.Done()</c>): when it is cancelled or its deadline passes. The nil channel (never
    /// ready) for a context that can never be cancelled. Successive calls return the same channel.
    /// </summary>
    public abstract ReceiveOnlyChan<Unit> Done();

    /// <summary>
    /// Null while <see cref="Done"/> is open; afterwards why it closed (Go's <c>ctx.Err()</c>):
    /// <see cref="DeadlineExceeded"/> if the deadline passed, else <see cref="Canceled"/>. Once
    /// non-null, it never changes.
    /// </summary>
    public abstract Exception? Err();

    /// <summary>
    /// The value associated with <paramref name="key"/> by the nearest <see cref="WithValue"/> in
    /// this context's chain, or null (Go's <c>ctx.Value(key)</c>). Keys compare with
    /// <see cref="object.Equals(object, object)"/>; use a private type's instance as key to avoid clashes.
    /// </summary>
    /// <remarks>
    /// A context you implement should answer keys it does not own by asking the context it wraps:
    /// that is also how GoSharp finds the cancellable context inside a wrapper.
    /// </remarks>
    public abstract object? Value(object key);

    /// <summary>
    /// Why the context was cancelled (Go's <c>context.Cause(ctx)</c>): the cause given to the first
    /// cancellation of this context or an ancestor by a <see cref="WithCancelCause"/> cancel
    /// function or a <see cref="WithDeadlineCause"/> deadline; otherwise the same as
    /// <see cref="Err"/>. Null while the context is live, and always for <see cref="WithoutCancel"/>.
    /// </summary>
    public Exception? Cause()
    {
        if (Lookup(this, CancelContextKey) is not CancelContext c)
        {
            return Err(); // no GoSharp cancellation involved: a context of yours may still have ended
        }

        if (c.CauseValue() is { } cause)
        {
            return cause;
        }

        // Live when we looked, or ended by a context of yours rather than by c. A cancellation of
        // c between the two reads publishes its cause before its error, so look once more.
        Exception? err = Err();
        return err is not null && c.CauseValue() is { } late ? late : err;
    }

    /// <summary>
    /// The value lookup of every GoSharp context (Go's <c>value</c>): a loop over the contexts we
    /// wrote, asking a context you wrote through its own <see cref="Value"/>.
    /// </summary>
    private protected static object? Lookup(Context c, object key)
    {
        while (true)
        {
            switch (c)
            {
                case ValueContext v:
                    if (Equals(v.key, key))
                    {
                        return v.value;
                    }

                    c = v.parent;
                    break;
                case CancelContext cc:
                    if (ReferenceEquals(key, CancelContextKey))
                    {
                        return cc;
                    }

                    c = cc.parent;
                    break;
                case WithoutCancelContext w:
                    if (ReferenceEquals(key, CancelContextKey))
                    {
                        return null; // Cause of a WithoutCancel context is null, as in Go
                    }

                    c = w.parent;
                    break;
                case EmptyContext:
                    return null;
                default:
                    return c.Value(key);
            }
        }
    }

    /// <summary>The token behind <see cref="CancellationToken"/>; ours override it, a context you wrote gets a bridge.</summary>
    private protected virtual CancellationToken GetToken()
    {
        ReceiveOnlyChan<Unit> done = Done();
        if (done.IsNil)
        {
            return CancellationToken.None;
        }

        // A wrapper that passes a GoSharp context's Done channel on ends exactly when it does.
        if (Lookup(this, CancelContextKey) is CancelContext inner && inner.HasDoneChannel(done))
        {
            return inner.Token();
        }

        CancelContext? bridge = Volatile.Read(ref _tokenBridge);
        if (bridge is null)
        {
            // Linked before it is published, so nobody gets a token that this context's end could miss.
            var fresh = new CancelContext(this);
            fresh.Propagate();
            bridge = Interlocked.CompareExchange(ref _tokenBridge, fresh, null);
            if (bridge is null)
            {
                bridge = fresh;
            }
            else
            {
                fresh.Cancel(removeFromParent: true, Canceled, null); // lost the race: unlink the spare
            }
        }

        return bridge.Token();
    }

    /// <summary>Go's <c>time.Time</c> has no kinds: a deadline a context you wrote reports in local time is compared in UTC.</summary>
    private protected static DateTime? AsUtc(DateTime? deadline) =>
        deadline is { Kind: DateTimeKind.Local } local ? local.ToUniversalTime() : deadline;
}
