namespace GoSharp.Runtime;

/// <summary>
/// A goroutine running a plain delegate. Its code runs on the M's own stack and cannot be
/// suspended: a blocking operation inside it blocks the thread, and the scheduler hands the P's
/// other work to another M meanwhile (see <see cref="Sched.EnterBlocking"/>).
/// </summary>
internal sealed class ActionG : G
{
    private Action? _action;

    internal static ActionG Create(Action action)
    {
        ActionG g = M.Current?.p?.cache.Rent<ActionG>() ?? new ActionG();
        g._action = action;
        return g;
    }

    internal override string EntryName => DelegateName(_action);

    internal override bool IsThreadBound => true;

    internal override void MoveNext()
    {
        try
        {
            _action!();
        }
        catch (Exception e)
        {
            error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }

        Finish();
    }

    internal override void Recycle()
    {
        _action = null;
        M.Current?.p?.cache.Return(this);
    }

    internal static string DelegateName(Delegate? d) =>
        d is null ? "?" : $"{d.Method.DeclaringType?.FullName}.{d.Method.Name}";
}
