using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// The async method builder of <see cref="GoTask"/>. Used by the C# compiler; not called directly.
/// </summary>
/// <remarks>
/// Unlike the Task builders it captures no ExecutionContext or SynchronizationContext and
/// allocates nothing until the method first suspends. Then the state machine moves into a pooled
/// box that becomes a frame of the goroutine (or, for a method started with
/// <see cref="GoroutineEntry.Spawn"/>, the goroutine itself), and the awaiter parks the goroutine.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct GoTaskMethodBuilder
{
    private Frame? _frame;

    /// <summary>Creates a builder.</summary>
    public static GoTaskMethodBuilder Create() => default;

    /// <summary>The task of the method being built.</summary>
    public GoTask Task => new(_frame);

    /// <summary>Runs the method until its first suspension, on the calling thread.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    /// <summary>Unused (boxing is done by the builder itself).</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>The method returned.</summary>
    public void SetResult() => _frame?.Return();

    /// <summary>The method threw.</summary>
    public void SetException(Exception exception) => BuilderCore.SetException<VoidResult>(ref _frame, exception);

    /// <summary>The method suspends on <paramref name="awaiter"/>.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _frame ?? BuilderCore.Box<TAwaiter, TStateMachine, VoidResult>(ref awaiter, ref stateMachine, ref _frame));

    /// <summary>The method suspends on <paramref name="awaiter"/>.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _frame ?? BuilderCore.Box<TAwaiter, TStateMachine, VoidResult>(ref awaiter, ref stateMachine, ref _frame));
}

/// <summary>
/// The async method builder of <see cref="GoTask{T}"/>. Used by the C# compiler; not called directly.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct GoTaskMethodBuilder<T>
{
    private Frame? _frame;
    private T _result;

    /// <summary>Creates a builder.</summary>
    public static GoTaskMethodBuilder<T> Create() => default;

    /// <summary>The task of the method being built.</summary>
    public GoTask<T> Task => new(_frame, _result);

    /// <summary>Runs the method until its first suspension, on the calling thread.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    /// <summary>Unused (boxing is done by the builder itself).</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>The method returned <paramref name="result"/>.</summary>
    public void SetResult(T result)
    {
        switch (_frame)
        {
            case null:
                _result = result;
                break;
            case Frame<T> nested:
                nested.result = result;
                nested.Return();
                break;
            case G<T> goroutine:
                goroutine.result = result;
                goroutine.Return();
                break;
        }
    }

    /// <summary>The method threw.</summary>
    public void SetException(Exception exception) => BuilderCore.SetException<T>(ref _frame, exception);

    /// <summary>The method suspends on <paramref name="awaiter"/>.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _frame ?? BuilderCore.Box<TAwaiter, TStateMachine, T>(ref awaiter, ref stateMachine, ref _frame));

    /// <summary>The method suspends on <paramref name="awaiter"/>.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _frame ?? BuilderCore.Box<TAwaiter, TStateMachine, T>(ref awaiter, ref stateMachine, ref _frame));
}
