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

    /// <summary>
    /// Runs the goroutine as the root goroutine of a SyncTest bubble and blocks until every
    /// goroutine of the bubble has exited: what generated code calls for
    /// <c>SyncTest.Run(() =&gt; F(args))</c> (see <see cref="Testing.SyncTest.Run(Action, long?)"/>).
    /// </summary>
    /// <param name="main">The twin, created with <see cref="GoroutineEntry.Spawn"/> outside the bubble and not yet started.</param>
    /// <param name="seed">The bubble's seed, or null for a random one.</param>
    public static void RunBubble(GoTask main, long? seed = null)
    {
        G root = RootOf(main.frame);
        Testing.SyncTest.RunBubble<VoidResult>(() => root, seed, trace: null);
    }

    /// <summary>Runs the goroutine as the root goroutine of a SyncTest bubble and returns its result (<c>SyncTest.Run(() =&gt; F(args))</c> with a value).</summary>
    /// <param name="main">The twin, created with <see cref="GoroutineEntry.Spawn"/> and not yet started.</param>
    /// <param name="seed">The bubble's seed, or null for a random one.</param>
    public static T RunBubble<T>(GoTask<T> main, long? seed = null)
    {
        G root = RootOf(main.frame);
        return Testing.SyncTest.RunBubble<T>(() => root, seed, trace: null);
    }

    /// <summary>
    /// Explores seeds 1 to <paramref name="runs"/> with a fresh root goroutine each run, made by
    /// <paramref name="createMain"/> (which evaluates F's arguments again, as the lambda of
    /// <c>SyncTest.Explore(() =&gt; F(args))</c> would); see <see cref="Testing.SyncTest.Explore(Action, int)"/>.
    /// </summary>
    /// <param name="createMain">Creates the twin with <see cref="GoroutineEntry.Spawn"/>; called once per run.</param>
    /// <param name="runs">How many seeds to try.</param>
    public static void ExploreBubbles(Func<GoTask> createMain, int runs = 100)
    {
        ArgumentNullException.ThrowIfNull(createMain);
        Testing.SyncTest.Explore(seed => RunBubble(createMain(), seed), runs);
    }

    /// <summary>Explores twin roots that return a value (discarded); see <see cref="ExploreBubbles(Func{GoTask}, int)"/>.</summary>
    /// <param name="createMain">Creates the twin with <see cref="GoroutineEntry.Spawn"/>; called once per run.</param>
    /// <param name="runs">How many seeds to try.</param>
    public static void ExploreBubbles<T>(Func<GoTask<T>> createMain, int runs = 100)
    {
        ArgumentNullException.ThrowIfNull(createMain);
        Testing.SyncTest.Explore(seed => RunBubble(createMain(), seed), runs);
    }

    internal static void Start(G main, RunContext run)
    {
        run.main = main;
        Sched.Newproc(main, run);
    }

    private static G RootOf(Frame? frame) => frame as G ?? throw new ArgumentException(
        "Only a GoTask returned by a goroutine method called with GoroutineEntry.Spawn can be started.", nameof(frame));
}
