using GoSharp.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// A goroutine started from a delegate that returns a <see cref="GoTask"/> (an <c>async GoTask</c>
/// method or lambda). The goroutine is the bottom frame: it calls the delegate, and if the task
/// suspends it becomes the task's parent frame, so the task's completion resumes it here.
/// </summary>
internal abstract class TaskG : G
{
    private Frame? _child;

    /// <summary>Invokes the delegate; returns the task's frame, or null if it completed synchronously.</summary>
    protected abstract Frame? Start();

    /// <summary>Reads the result of the completed task frame.</summary>
    protected virtual void TakeResult(Frame child)
    {
    }

    internal override void MoveNext()
    {
        Frame? child = _child;
        if (child is null)
        {
            try
            {
                child = Start();
            }
            catch (Exception e)
            {
                error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                Finish();
                return;
            }

            if (child is null)
            {
                Finish();
                return;
            }

            if (!child.completed)
            {
                // The task suspended; resume here when it completes.
                Sched.AwaitChild(child, this);
                _child = child;
                return;
            }
        }

        _child = null;
        error = child.error;
        if (error is null)
        {
            TakeResult(child);
        }

        child.Recycle();
        Finish();
    }
}

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
