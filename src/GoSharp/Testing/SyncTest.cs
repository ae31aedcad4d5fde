using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// Deterministic tests of concurrent code: Go's <c>testing/synctest</c> (virtual time in an
/// isolated bubble) plus reproducible interleavings (<see cref="Explore(Action, int)"/>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Run(Action, long?)"/> runs a function as the root goroutine of a <em>bubble</em>;
/// every goroutine it starts, directly or not, is in the bubble too, and <c>Run</c> returns when
/// all of them have exited. Inside a bubble:
/// </para>
/// <list type="bullet">
/// <item>Time is fake: the clock starts at midnight UTC on 2000-01-01 (<see cref="Now"/>) and
/// drives <c>Sleep</c>, <c>After</c>, <c>Tick</c>, <c>Timer</c>, <c>Ticker</c>, <c>AfterFunc</c>,
/// <c>Context.WithTimeout</c>/<c>WithDeadline</c>, and <see cref="TimeProvider"/> for ordinary .NET
/// code. It moves only when every goroutine of the bubble is <em>durably blocked</em>, and then
/// jumps straight to the next timer: an hour of sleeping takes no real time.</item>
/// <item>Durably blocked means blocked in a way only another goroutine of the bubble can end: a
/// send, receive or select on channels created in the bubble, <c>Sleep</c>, <c>Cond.Wait</c>, or
/// <c>WaitGroup.Wait</c> on a group whose <c>Add</c> was called in the bubble. Locking a
/// <c>Mutex</c> or <c>RWMutex</c>, awaiting a Task, and blocking in foreign code (I/O, locks) are
/// not: something outside could end them.</item>
/// <item><see cref="Wait"/> blocks until every other goroutine of the bubble is durably blocked,
/// so a test can assert that something has, or has not, happened yet.</item>
/// <item>When every goroutine is durably blocked and no timer can wake one, the bubble fails with
/// a <see cref="DeadlockException"/> listing each goroutine and where it is blocked, instead of
/// hanging; likewise when the root returns while other goroutines stay blocked.</item>
/// <item>Channels, timers and tickers created in a bubble belong to it: using one from outside
/// throws <see cref="InvalidOperationException"/>.</item>
/// <item>One goroutine of the bubble runs at a time, and which one runs next, select's random
/// choices, and the order of timers due at the same instant all come from the bubble's seed. With
/// an explicit seed the same seed gives the same interleaving run after run, and anything that
/// would make the run depend on timing instead fails it with a <see cref="NondeterminismException"/>.</item>
/// </list>
/// <para>
/// Ordinary async code called from a bubble resumes inside it: the bubble's threads carry a
/// synchronization context that turns each continuation into a goroutine of the bubble. Code
/// that leaves it (<c>Task.Run</c>, <c>ConfigureAwait(false)</c> after real I/O) leaves the bubble.
/// The whole story, with examples: docs/testing.md.
/// </para>
/// </remarks>
public static class SyncTest
{
    /// <summary>
    /// Runs <paramref name="body"/> as the root goroutine of a new bubble and returns when every
    /// goroutine of the bubble has exited (Go's <c>synctest.Test</c>). Rethrows the root's
    /// exception; a goroutine's unhandled exception fails it with a <see cref="GoroutinePanicException"/>;
    /// a deadlock fails it with a <see cref="DeadlockException"/>.
    /// </summary>
    /// <param name="body">The root goroutine's code. A plain delegate blocks its thread when it blocks; the bubble runs its other goroutines meanwhile.</param>
    /// <param name="seed">
    /// The seed of the bubble's scheduling choices. Null (the default) picks a random one, so
    /// runs may interleave differently, as in Go; a given seed replays one interleaving exactly.
    /// </param>
    /// <exception cref="InvalidOperationException">Called inside a bubble (bubbles do not nest).</exception>
    public static void Run(Action body, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        RunBubble<VoidResult>(() => ActionG.Create(body), seed, trace: null);
    }

    /// <summary>Runs an <c>async GoTask</c> function as the root goroutine of a new bubble; see <see cref="Run(Action, long?)"/>.</summary>
    /// <param name="body">The root goroutine's code; it parks whenever it awaits.</param>
    /// <param name="seed">The seed of the bubble's scheduling choices, or null for a random one.</param>
    public static void Run(Func<GoTask> body, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        RunBubble<VoidResult>(() => FuncG.Create(body), seed, trace: null);
    }

    /// <summary>Runs <paramref name="body"/> as the root goroutine of a new bubble and returns its result; see <see cref="Run(Action, long?)"/>.</summary>
    /// <param name="body">The root goroutine's code.</param>
    /// <param name="seed">The seed of the bubble's scheduling choices, or null for a random one.</param>
    public static T Run<T>(Func<T> body, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunBubble<T>(() => new ValueFuncG<T>(body), seed, trace: null);
    }

    /// <summary>Runs an <c>async GoTask&lt;T&gt;</c> function as the root goroutine of a new bubble and returns its result.</summary>
    /// <param name="body">The root goroutine's code; it parks whenever it awaits.</param>
    /// <param name="seed">The seed of the bubble's scheduling choices, or null for a random one.</param>
    public static T Run<T>(Func<GoTask<T>> body, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunBubble<T>(() => new FuncG<T>(body), seed, trace: null);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a bubble once per seed, seeds 1 to <paramref name="runs"/>,
    /// and throws at the first run that fails: an <see cref="InterleavingFailedException"/> that
    /// names the seed, so that <c>SyncTest.Run(body, seed: n)</c> replays the failing interleaving.
    /// </summary>
    /// <param name="body">The test, run once per seed; it must build everything it uses afresh.</param>
    /// <param name="runs">How many seeds to try.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> is less than 1.</exception>
    public static void Explore(Action body, int runs = 100)
    {
        ArgumentNullException.ThrowIfNull(body);
        Explore(seed => Run(body, seed), runs);
    }

    /// <summary>Explores the interleavings of an <c>async GoTask</c> test; see <see cref="Explore(Action, int)"/>.</summary>
    /// <param name="body">The test, run once per seed.</param>
    /// <param name="runs">How many seeds to try.</param>
    public static void Explore(Func<GoTask> body, int runs = 100)
    {
        ArgumentNullException.ThrowIfNull(body);
        Explore(seed => Run(body, seed), runs);
    }

    /// <summary>
    /// Blocks until every other goroutine of the bubble is durably blocked (Go's <c>synctest.Wait</c>).
    /// Only one goroutine of a bubble may wait at a time. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a bubble, or while another goroutine of the bubble waits.</exception>
    [AwaitableForm(nameof(WaitAsync))]
    public static void Wait() => Bubble.RequireCurrent("SyncTest.Wait").WaitThread();

    /// <summary>The parking form of <see cref="Wait"/>: <c>await SyncTest.WaitAsync();</c>.</summary>
    public static SyncTestWaitAwaitable WaitAsync() => new(Bubble.RequireCurrent("SyncTest.WaitAsync"));

    /// <summary>
    /// Sleeps <paramref name="duration"/> of bubble time, then waits until every other goroutine
    /// of the bubble is durably blocked (Go's <c>synctest.Sleep</c>): the code under test has
    /// settled when it returns, even if it sleeps for exactly as long.
    /// </summary>
    [AwaitableForm(nameof(SleepAsync))]
    public static void Sleep(TimeSpan duration)
    {
        Bubble.RequireCurrent("SyncTest.Sleep");
        Go.Sleep(duration);
        Wait();
    }

    /// <summary>The parking form of <see cref="Sleep"/>: <c>await SyncTest.SleepAsync(d);</c>.</summary>
    public static async GoTask SleepAsync(TimeSpan duration)
    {
        Bubble.RequireCurrent("SyncTest.SleepAsync");
        await Go.SleepAsync(duration);
        await WaitAsync();
    }

    /// <summary>
    /// Waits for <paramref name="task"/>, durably: for a Task that the bubble itself completes (a
    /// <c>Task.Delay</c> on <see cref="TimeProvider"/>, async code under test), so that the
    /// bubble's clock moves while the caller waits. <c>Go.Await</c> is not durable, because a Task
    /// may complete from anywhere; a task that nothing in the bubble completes makes this a
    /// deadlock. Rethrows the task's exception. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    /// <param name="task">The task to wait for.</param>
    /// <exception cref="InvalidOperationException">Called outside a bubble.</exception>
    [AwaitableForm(nameof(AwaitAsync))]
    public static void Await(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Bubble bubble = Bubble.RequireCurrent("SyncTest.Await");
        if (!task.IsCompleted)
        {
            bubble.WhenDone(task).Receive();
        }

        task.GetAwaiter().GetResult();
    }

    /// <summary>Waits durably for <paramref name="task"/> and returns its result; see <see cref="Await(Task)"/>.</summary>
    /// <param name="task">The task to wait for.</param>
    [AwaitableForm(nameof(AwaitAsync))]
    public static T Await<T>(Task<T> task)
    {
        Await((Task)task);
        return task.Result;
    }

    /// <summary>The parking form of <see cref="Await(Task)"/>: <c>await SyncTest.AwaitAsync(task);</c>.</summary>
    /// <param name="task">The task to wait for.</param>
    public static async GoTask AwaitAsync(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Bubble bubble = Bubble.RequireCurrent("SyncTest.AwaitAsync");
        if (!task.IsCompleted)
        {
            await bubble.WhenDone(task).ReceiveWithOkAsync();
        }

        task.GetAwaiter().GetResult();
    }

    /// <summary>The parking form of <see cref="Await{T}(Task{T})"/>: <c>var v = await SyncTest.AwaitAsync(task);</c>.</summary>
    /// <param name="task">The task to wait for.</param>
    public static async GoTask<T> AwaitAsync<T>(Task<T> task)
    {
        await AwaitAsync((Task)task);
        return task.Result;
    }

    /// <summary>The bubble's current time (UTC): midnight on 2000-01-01 plus the bubble time that has passed.</summary>
    /// <exception cref="InvalidOperationException">Read outside a bubble.</exception>
    public static DateTime Now => Bubble.RequireCurrent("SyncTest.Now").UtcNow;

    /// <summary>
    /// The bubble's clock as a <see cref="System.TimeProvider"/>, for ordinary .NET code under
    /// test: <c>Task.Delay(d, timeProvider)</c>, <c>PeriodicTimer</c>, <c>GetUtcNow()</c> follow
    /// bubble time, and the timers' callbacks run in goroutines of the bubble.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read outside a bubble.</exception>
    public static TimeProvider TimeProvider => Bubble.RequireCurrent("SyncTest.TimeProvider").timeProvider;

    /// <summary>The seed of the current bubble: pass it to <see cref="Run(Action, long?)"/> to replay this interleaving.</summary>
    /// <exception cref="InvalidOperationException">Read outside a bubble.</exception>
    public static long Seed => Bubble.RequireCurrent("SyncTest.Seed").seed;

    /// <summary>True when the caller runs in a bubble (as a goroutine of one, or as code it called).</summary>
    public static bool IsInBubble => Bubble.Current is not null;

    /// <summary>
    /// <see cref="Run(Action, long?)"/> for tests of the scheduler: <paramref name="trace"/>
    /// receives every scheduling decision the bubble makes, one line each.
    /// </summary>
    internal static void RunTraced(Action body, long seed, List<string> trace) =>
        RunBubble<VoidResult>(() => ActionG.Create(body), seed, trace);

    /// <inheritdoc cref="RunTraced(Action, long, List{string})"/>
    internal static void RunTraced(Func<GoTask> body, long seed, List<string> trace) =>
        RunBubble<VoidResult>(() => FuncG.Create(body), seed, trace);

    /// <summary>Creates the bubble (which refuses to nest), then its root goroutine, and runs it.</summary>
    internal static T RunBubble<T>(Func<G> createRoot, long? seed, List<string>? trace)
    {
        BubbleRun<T>? run = null;
        var bubble = new Bubble(seed, trace, b => run = new BubbleRun<T>(b));
        bubble.Run(createRoot());
        return run!.Result;
    }

    /// <summary>Runs <paramref name="run"/> with seeds 1 to <paramref name="runs"/>; throws, with the seed, at the first failure.</summary>
    internal static void Explore(Action<long> run, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        for (long seed = 1; seed <= runs; seed++)
        {
            try
            {
                run(seed);
            }
            catch (Exception failure)
            {
                throw new InterleavingFailedException(seed, runs, failure, Replays(run, seed, failure));
            }
        }
    }

    /// <summary>Runs the failing seed again: true if it fails the same way.</summary>
    private static bool Replays(Action<long> run, long seed, Exception first)
    {
        try
        {
            run(seed);
            return false;
        }
        catch (Exception again)
        {
            return again.GetType() == first.GetType() && again.InnerException?.GetType() == first.InnerException?.GetType();
        }
    }
}
