using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// Go's built-ins and runtime functions: <c>go</c>, running a main goroutine, scheduler control.
/// Import it with <c>using static GoSharp.Go;</c> to write <c>go(...)</c>, <c>Sleep(...)</c>,
/// <c>Select(...)</c> as in Go.
/// </summary>
public static partial class Go
{
    /// <summary>
    /// Starts a goroutine (Go's <c>go</c> statement). Inside a <c>[Goroutine]</c> method, or when
    /// the lambda's body is a call to one, the generator makes the goroutine park instead of
    /// blocking and evaluates the call's arguments here and now, as Go does. Any other delegate
    /// runs on a scheduler thread and blocks that thread when it blocks.
    /// </summary>
    /// <param name="f">The goroutine's code.</param>
    public static void go([GoroutineCode] Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Sched.Newproc(ActionG.Create(f), run: null);
    }

    /// <summary>Starts a goroutine running an <c>async GoTask</c> function; it parks whenever it awaits.</summary>
    /// <param name="f">The goroutine's code.</param>
    public static void go([GoroutineCode] Func<GoTask> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Sched.Newproc(FuncG.Create(f), run: null);
    }

    /// <summary>
    /// Runs <paramref name="main"/> as the main goroutine and blocks the calling thread until it
    /// returns. Its exception is rethrown here, and so is an exception that escapes any goroutine
    /// it started (wrapped in <see cref="GoroutinePanicException"/>), unless
    /// <see cref="UnhandledException"/> handles it. Goroutines still running when it returns go on
    /// in the background; as in Go, they do not keep the process alive.
    /// </summary>
    /// <param name="main">The main goroutine's code.</param>
    public static void Run(Action main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new BlockingRun();
        Goroutines.Start(ActionG.Create(main), run);
        run.Wait();
    }

    /// <summary>Runs an <c>async GoTask</c> function as the main goroutine; see <see cref="Run(Action)"/>.</summary>
    /// <param name="main">The main goroutine's code.</param>
    public static void Run(Func<GoTask> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new BlockingRun();
        Goroutines.Start(FuncG.Create(main), run);
        run.Wait();
    }

    /// <summary>Runs <paramref name="main"/> as the main goroutine and returns its result; see <see cref="Run(Action)"/>.</summary>
    /// <param name="main">The main goroutine's code.</param>
    public static T Run<T>(Func<T> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new BlockingRun<T>();
        Goroutines.Start(new ValueFuncG<T>(main), run);
        return run.Wait();
    }

    /// <summary>Runs an <c>async GoTask&lt;T&gt;</c> function as the main goroutine and returns its result.</summary>
    /// <param name="main">The main goroutine's code.</param>
    public static T Run<T>(Func<GoTask<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new BlockingRun<T>();
        Goroutines.Start(new FuncG<T>(main), run);
        return run.Wait();
    }

    /// <summary>
    /// Starts <paramref name="main"/> as a main goroutine for <c>async</c> callers: the task
    /// completes when it returns and faults as <see cref="Run(Action)"/> would throw.
    /// </summary>
    /// <param name="main">The main goroutine's code.</param>
    public static Task RunAsync(Func<GoTask> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new TaskRun<VoidResult>();
        Goroutines.Start(FuncG.Create(main), run);
        return run.Task;
    }

    /// <summary>Starts <paramref name="main"/> as a main goroutine; the task completes with its result.</summary>
    /// <param name="main">The main goroutine's code.</param>
    public static Task<T> RunAsync<T>(Func<GoTask<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new TaskRun<T>();
        Goroutines.Start(new FuncG<T>(main), run);
        return run.Task;
    }

    /// <summary>Starts a value-returning delegate as a main goroutine; the task completes with its result.</summary>
    /// <param name="main">The main goroutine's code.</param>
    public static Task<T> RunAsync<T>(Func<T> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new TaskRun<T>();
        Goroutines.Start(new ValueFuncG<T>(main), run);
        return run.Task;
    }

    /// <summary>Starts a delegate as a main goroutine; the task completes when it returns.</summary>
    /// <param name="main">The main goroutine's code.</param>
    public static Task RunAsync(Action main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var run = new TaskRun<VoidResult>();
        Goroutines.Start(ActionG.Create(main), run);
        return run.Task;
    }

    /// <summary>
    /// Raised on a scheduler thread when an exception escapes a goroutine other than a main
    /// goroutine, before it fails the run (Go has no such hook; it is what <c>recover</c> at the
    /// top of every goroutine would do). Set <see cref="GoroutineExceptionEventArgs.Handled"/> to
    /// swallow the exception.
    /// </summary>
    public static event EventHandler<GoroutineExceptionEventArgs>? UnhandledException;

    internal static void RaiseUnhandledException(GoroutineExceptionEventArgs args) =>
        UnhandledException?.Invoke(null, args);
}
