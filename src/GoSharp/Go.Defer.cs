namespace GoSharp;

public static partial class Go
{
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
