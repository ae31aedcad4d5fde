using GoSharp.CompilerServices;

namespace GoSharp;

/// <content>Go 1.21's <c>context.AfterFunc</c>.</content>
public abstract partial class Context
{
    /// <summary>
    /// Runs <paramref name="f"/> in its own goroutine once <paramref name="ctx"/> is done, or at
    /// once (still in its own goroutine) if it already is (Go's <c>context.AfterFunc</c>). Calls
    /// on one context are independent of each other.
    /// </summary>
    /// <param name="ctx">The context to wait for.</param>
    /// <param name="f">
    /// The function. In a <c>[Goroutine]</c> method a lambda here is goroutine code, as for
    /// <c>go</c>: the generator passes it to the <see cref="AfterFunc(Context, Func{GoTask})"/>
    /// overload, so that its blocking calls park. Elsewhere it runs as a delegate goroutine, which
    /// blocks its thread when it blocks.
    /// </param>
    /// <returns>
    /// <c>stop</c>: ends the association of <paramref name="ctx"/> with <paramref name="f"/> and
    /// returns true if that kept <paramref name="f"/> from running; false if <paramref name="f"/>
    /// has already been started or stop was already called. It does not wait for
    /// <paramref name="f"/> to finish.
    /// </returns>
    /// <remarks>
    /// With a GoSharp context (or one of yours that wraps one) the function waits in the
    /// context's child set, costing no goroutine; with a context of yours that implements
    /// <see cref="IAfterFuncContext"/>, its <see cref="IAfterFuncContext.AfterFunc"/> schedules it;
    /// otherwise one goroutine waits for the context's <see cref="Done"/> until either happens.
    /// </remarks>
    public static Func<bool> AfterFunc(Context ctx, [GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(f);
        return StartAfterFunc(ctx, new AfterFuncContext(ctx, f, null));
    }

    /// <summary>
    /// <see cref="AfterFunc(Context, Action)"/> for an <c>async GoTask</c> function: it runs as
    /// goroutine code, which parks instead of blocking a thread.
    /// </summary>
    /// <param name="ctx">The context to wait for.</param>
    /// <param name="f">The goroutine's code.</param>
    /// <returns>The stop function: see <see cref="AfterFunc(Context, Action)"/>.</returns>
    public static Func<bool> AfterFunc(Context ctx, [GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(f);
        return StartAfterFunc(ctx, new AfterFuncContext(ctx, null, f));
    }

    private static Func<bool> StartAfterFunc(Context ctx, AfterFuncContext a)
    {
        a.Propagate();
        return a.Stop;
    }
}
