namespace GoSharp.Runtime;

/// <summary>A goroutine running a plain <c>Func&lt;T&gt;</c> on its thread (for <c>Go.Run&lt;T&gt;</c>).</summary>
internal sealed class ValueFuncG<T> : G, IResultSource<T>
{
    private readonly Func<T> _func;

    internal ValueFuncG(Func<T> func)
    {
        _func = func;
    }

    public T Result { get; private set; } = default!;

    internal override string EntryName => ActionG.DelegateName(_func);

    internal override bool IsThreadBound => true;

    internal override void MoveNext()
    {
        try
        {
            Result = _func();
        }
        catch (Exception e)
        {
            error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }

        Finish();
    }
}
