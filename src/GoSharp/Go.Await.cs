using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

public static partial class Go
{
    /// <summary>
    /// Waits for <paramref name="task"/> and rethrows its exception. In a <c>[Goroutine]</c>
    /// method the generator turns this into <see cref="AwaitAsync(Task)"/>, which parks the
    /// goroutine without holding a thread (GoSharp's netpoller: async I/O wakes the goroutine).
    /// Elsewhere it blocks the calling thread; on a scheduler thread the other goroutines keep running.
    /// </summary>
    /// <param name="task">The task to wait for.</param>
    [AwaitableForm(nameof(AwaitAsync))]
    public static void Await(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.IsCompleted && GoSharp.Testing.Bubble.Current is GoSharp.Testing.Bubble bubble)
        {
            bubble.AwaitThread(task); // not durably blocking: the task may complete from outside the bubble
        }
        else if (!task.IsCompleted)
        {
            P? p = Sched.EnterBlocking();
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            Sched.ExitBlocking(p);
        }

        task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for <paramref name="task"/> and returns its result; see <see cref="Await(Task)"/>.</summary>
    /// <param name="task">The task to wait for.</param>
    [AwaitableForm(nameof(AwaitAsync))]
    public static T Await<T>(Task<T> task)
    {
        Await((Task)task);
        return task.Result;
    }

    /// <summary>Parks the goroutine until <paramref name="task"/> completes: <c>await Go.AwaitAsync(task);</c>.</summary>
    /// <param name="task">The task to wait for.</param>
    public static TaskAwaitable AwaitAsync(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskAwaitable(task);
    }

    /// <summary>Parks the goroutine until <paramref name="task"/> completes and returns its result.</summary>
    /// <param name="task">The task to wait for.</param>
    public static TaskAwaitable<T> AwaitAsync<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskAwaitable<T>(task);
    }
}
