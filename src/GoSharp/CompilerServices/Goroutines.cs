using System.ComponentModel;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Starts goroutines from <see cref="GoTask"/>s created with <see cref="GoroutineEntry.Spawn"/>:
/// the allocation-free spawn path that generated code uses for <c>go(() =&gt; F(args))</c>
/// and <c>Go.Run(() =&gt; F(args))</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Goroutines
{
    /// <summary>Starts the goroutine (Go's <c>go F(args)</c>).</summary>
    public static void Spawn(GoTask goroutine) => Sched.Newproc(RootOf(goroutine.frame), run: null);

    /// <summary>Starts the goroutine (Go's <c>go F(args)</c>); its result is discarded.</summary>
    public static void Spawn<T>(GoTask<T> goroutine) => Sched.Newproc(RootOf(goroutine.frame), run: null);

    /// <summary>Runs the goroutine as a main goroutine and blocks until it returns (see <see cref="Go.Run(Action)"/>).</summary>
    public static void Run(GoTask main)
    {
        var run = new BlockingRun();
        Start(RootOf(main.frame), run);
        run.Wait();
    }

    /// <summary>Runs the goroutine as a main goroutine and returns its result.</summary>
    public static T Run<T>(GoTask<T> main)
    {
        var run = new BlockingRun<T>();
        Start(RootOf(main.frame), run);
        return run.Wait();
    }

    /// <summary>Runs the goroutine as a main goroutine; the task completes when it returns.</summary>
    public static Task RunAsync(GoTask main)
    {
        var run = new TaskRun<VoidResult>();
        Start(RootOf(main.frame), run);
        return run.Task;
    }

    /// <summary>Runs the goroutine as a main goroutine; the task completes with its result.</summary>
    public static Task<T> RunAsync<T>(GoTask<T> main)
    {
        var run = new TaskRun<T>();
        Start(RootOf(main.frame), run);
        return run.Task;
    }

    internal static void Start(G main, RunContext run)
    {
        run.main = main;
        Sched.Newproc(main, run);
    }

    private static G RootOf(Frame? frame) => frame as G ?? throw new ArgumentException(
        "Only a GoTask returned by a goroutine method called with GoroutineEntry.Spawn can be started.", nameof(frame));
}
