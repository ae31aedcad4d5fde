using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// The task-like type of goroutine code: what an <c>async GoTask</c> method returns. The
/// <c>[Goroutine]</c> generator emits such methods; they can also be written by hand.
/// </summary>
/// <remarks>
/// A <see cref="GoTask"/> runs on the GoSharp scheduler, not the thread pool: awaiting a channel
/// operation inside it parks the goroutine. It must be awaited exactly once, immediately, by
/// another goroutine frame, or passed to <see cref="Goroutines.Spawn(GoTask)"/> or
/// <see cref="Goroutines.Run(GoTask)"/>. A method that completes without suspending allocates nothing.
/// </remarks>
[AsyncMethodBuilder(typeof(GoTaskMethodBuilder))]
public readonly struct GoTask
{
    internal readonly Frame? frame;

    internal GoTask(Frame? frame)
    {
        this.frame = frame;
    }

    /// <summary>A completed task.</summary>
    public static GoTask CompletedTask => default;

    /// <summary>True if the method has finished.</summary>
    public bool IsCompleted => frame is null || frame.completed;

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public Awaiter GetAwaiter() => new(frame);

    /// <summary>Awaits a <see cref="GoTask"/> from another goroutine frame.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Awaiter : ICriticalNotifyCompletion, IGoAwaiter
    {
        private readonly Frame? _frame;

        internal Awaiter(Frame? frame)
        {
            _frame = frame;
        }

        /// <summary>True if the awaited method has finished.</summary>
        public bool IsCompleted => _frame is null || _frame.completed;

        /// <summary>Rethrows the awaited method's exception, if any.</summary>
        public void GetResult()
        {
            if (_frame is Frame f)
            {
                var error = f.error;
                f.Recycle();
                error?.Throw();
            }
        }

        void IGoAwaiter.Suspend(Frame frame) => Sched.AwaitChild(_frame!, frame);

        /// <summary>Not supported: a GoTask can only be awaited by goroutine code.</summary>
        public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported: a GoTask can only be awaited by goroutine code.</summary>
        public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }
}

/// <summary>The task-like type of goroutine code that returns a value.</summary>
/// <typeparam name="T">The result type.</typeparam>
[AsyncMethodBuilder(typeof(GoTaskMethodBuilder<>))]
public readonly struct GoTask<T>
{
    internal readonly Frame? frame;
    internal readonly T result;

    internal GoTask(Frame? frame, T result)
    {
        this.frame = frame;
        this.result = result;
    }

    /// <summary>A task completed with <paramref name="value"/>.</summary>
    public static GoTask<T> FromResult(T value) => new(null, value);

    /// <summary>True if the method has finished.</summary>
    public bool IsCompleted => frame is null || frame.completed;

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public Awaiter GetAwaiter() => new(this);

    /// <summary>Awaits a <see cref="GoTask{T}"/> from another goroutine frame.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Awaiter : ICriticalNotifyCompletion, IGoAwaiter
    {
        private readonly GoTask<T> _task;

        internal Awaiter(GoTask<T> task)
        {
            _task = task;
        }

        /// <summary>True if the awaited method has finished.</summary>
        public bool IsCompleted => _task.IsCompleted;

        /// <summary>Returns the awaited method's result or rethrows its exception.</summary>
        public T GetResult()
        {
            if (_task.frame is not Frame f)
            {
                return _task.result;
            }

            var error = f.error;
            T value = error is null ? ((Frame<T>)f).result : default!;
            f.Recycle();
            error?.Throw();
            return value;
        }

        void IGoAwaiter.Suspend(Frame frame) => Sched.AwaitChild(_task.frame!, frame);

        /// <summary>Not supported: a GoTask can only be awaited by goroutine code.</summary>
        public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported: a GoTask can only be awaited by goroutine code.</summary>
        public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }
}
