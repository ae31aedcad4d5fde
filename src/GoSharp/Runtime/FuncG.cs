using GoSharp.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>A goroutine running a <c>Func&lt;GoTask&gt;</c>.</summary>
internal sealed class FuncG : TaskG
{
    private Func<GoTask>? _func;

    internal static FuncG Create(Func<GoTask> func)
    {
        FuncG g = M.Current?.p?.cache.Rent<FuncG>() ?? new FuncG();
        g._func = func;
        return g;
    }

    internal override string EntryName => ActionG.DelegateName(_func);

    protected override Frame? Start() => _func!().frame;

    internal override void Recycle()
    {
        _func = null;
        M.Current?.p?.cache.Return(this);
    }
}

/// <summary>A goroutine running a <c>Func&lt;GoTask&lt;T&gt;&gt;</c> (for <c>Go.Run&lt;T&gt;</c>).</summary>
internal sealed class FuncG<T> : TaskG, IResultSource<T>
{
    private readonly Func<GoTask<T>> _func;

    internal FuncG(Func<GoTask<T>> func)
    {
        _func = func;
    }

    public T Result { get; private set; } = default!;

    internal override string EntryName => ActionG.DelegateName(_func);

    protected override Frame? Start()
    {
        GoTask<T> task = _func();
        if (task.frame is null)
        {
            Result = task.result;
        }

        return task.frame;
    }

    protected override void TakeResult(Frame child) => Result = ((Frame<T>)child).result;
}
