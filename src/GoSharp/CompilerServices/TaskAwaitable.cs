using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Awaitable of <see cref="Go.AwaitAsync(Task)"/>: parks the goroutine until the task completes.
/// No thread waits, and no SynchronizationContext or ExecutionContext is captured.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TaskAwaitable : ICriticalNotifyCompletion, IGoAwaiter
{
    private readonly Task _task;

    internal TaskAwaitable(Task task)
    {
        _task = task;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public TaskAwaitable GetAwaiter() => this;

    /// <summary>True if the task has completed.</summary>
    public bool IsCompleted => _task.IsCompleted;

    /// <summary>Rethrows the task's exception, if any.</summary>
    public void GetResult() => _task.GetAwaiter().GetResult();

    void IGoAwaiter.Suspend(Frame frame) => ParkUntil(_task, frame);

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    internal static void ParkUntil(Task task, Frame frame)
    {
        G g = Sched.BeginPark(frame, WaitReason.Await);
        if (g.run?.bubble is not null)
        {
            GoSharp.Testing.Bubble.ReadyWhenDone(task, g);
            return;
        }

        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(g.ReadyAction);
    }
}

/// <summary>Awaitable of <see cref="Go.AwaitAsync{T}(Task{T})"/>.</summary>
/// <typeparam name="T">The task's result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TaskAwaitable<T> : ICriticalNotifyCompletion, IGoAwaiter
{
    private readonly Task<T> _task;

    internal TaskAwaitable(Task<T> task)
    {
        _task = task;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public TaskAwaitable<T> GetAwaiter() => this;

    /// <summary>True if the task has completed.</summary>
    public bool IsCompleted => _task.IsCompleted;

    /// <summary>Returns the task's result or rethrows its exception.</summary>
    public T GetResult() => _task.GetAwaiter().GetResult();

    void IGoAwaiter.Suspend(Frame frame) => TaskAwaitable.ParkUntil(_task, frame);

    /// <summary>Not supported outside goroutine code.</summary>
    public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
