using GoSharp.CompilerServices;

namespace GoSharp;

/// <summary>
/// What <see cref="Context.AfterFunc(Context, Action)"/> registers (Go's <c>afterFuncCtx</c>): a
/// cancellable child of the context whose cancellation starts the function, unless stop came first.
/// </summary>
internal sealed class AfterFuncContext : CancelContext
{
    private readonly Action? _action;
    private readonly Func<GoTask>? _func;

    /// <summary>0 until the function is started or stopped (Go's <c>once</c>): whichever sets it to 1 wins.</summary>
    private int _decided;

    internal AfterFuncContext(Context parent, Action? action, Func<GoTask>? func)
        : base(parent)
    {
        _action = action;
        _func = func;
    }

    private protected override bool HasEndWorkLocked => true;

    /// <summary>The stop function: true if it kept the function from starting.</summary>
    internal bool Stop()
    {
        if (Interlocked.Exchange(ref _decided, 1) != 0)
        {
            return false;
        }

        Cancel(removeFromParent: true, Canceled, null); // leave the parent's child set
        return true;
    }

    private protected override void OnEnded()
    {
        base.OnEnded();
        if (Interlocked.Exchange(ref _decided, 1) != 0)
        {
            return;
        }

        if (_action is not null)
        {
            Go.go(_action);
        }
        else
        {
            Go.go(_func!);
        }
    }
}
