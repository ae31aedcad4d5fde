using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// A SyncTest bubble (Go's synctestBubble in runtime/synctest.go): the goroutines started by one
/// <see cref="SyncTest.Run(Action, long?)"/>, their fake clock, and a scheduler of their own.
/// </summary>
/// <remarks>
/// <para>
/// A bubble is a one-P scheduler beside the runtime's. Its goroutines never enter a P's run queue:
/// spawning, readying and yielding a goroutine of the bubble (<see cref="RunContext.bubble"/>) puts
/// it in the bubble's run queue, and at each scheduling point the next one is drawn from the
/// queue with the bubble's seeded random source. So one goroutine of the bubble runs at a time,
/// in an order that only the seed decides, and the bubble knows at every moment whether all its
/// goroutines are blocked: that is what moves its clock (<c>Bubble.Clock.cs</c>), releases
/// <see cref="SyncTest.Wait"/> and proves deadlocks. The rest of the runtime pays one load and a
/// branch where it spawns, readies or yields a goroutine.
/// </para>
/// <para>
/// The right to run the bubble's goroutines is a baton held by one thread at a time
/// (<see cref="_holder"/>): that thread runs the scheduling loop (<c>Bubble.Scheduler.cs</c>) and
/// each goroutine it picks, inline. A goroutine that blocks its thread (a plain delegate using a
/// blocking operation, or code that was not rewritten) hands the baton to another bubble thread
/// and sleeps; when the loop picks it again, the baton goes back to its thread. This is Go's
/// handoff with one P, and it keeps the one-at-a-time order even for thread-blocking code.
/// </para>
/// <para>
/// Locking: <see cref="_lock"/> protects the run queue, the members, the counters, the baton and
/// the outcome. Lock order: a timer's lock, then this lock, then a timer heap's lock or a note's;
/// a channel or sync primitive never holds its own lock while it readies a goroutine, so the bubble
/// never waits for one while holding this lock.
/// </para>
/// </remarks>
internal sealed partial class Bubble
{
    private static long s_nextId;

    /// <summary>The bubble's number, for messages.</summary>
    internal readonly long id;

    /// <summary>The seed of every random choice the bubble makes.</summary>
    internal readonly long seed;

    /// <summary>
    /// True when the caller chose the seed (or <see cref="SyncTest.Explore(Action, int)"/> did): then
    /// anything that makes the run depend on timing fails it with a <see cref="NondeterminismException"/>
    /// instead of silently making the seed a lie.
    /// </summary>
    internal readonly bool strict;

    /// <summary>The run of the root goroutine; every goroutine of the bubble inherits it (or a run started from it).</summary>
    internal readonly RunContext run;

    /// <summary>The context of the bubble's threads: continuations of async code resume in the bubble.</summary>
    internal readonly SynchronizationContext synchronizationContext;

    /// <summary>The bubble's clock for ordinary .NET code (<see cref="SyncTest.TimeProvider"/>).</summary>
    internal readonly TimeProvider timeProvider;

    private readonly object _lock = new();
    private readonly BubbleRandom _random;
    private readonly Note _done = new();
    private readonly List<string>? _trace;

    private volatile Outcome _outcome;
    private ExceptionDispatchInfo? _failure;
    private bool _rootExited;
    private List<string>? _breaks;

    private enum Outcome : byte
    {
        Running,
        Succeeded,
        Failed,
    }

    /// <param name="seed">The seed, or null for a random one (Go's behaviour: every run may interleave differently).</param>
    /// <param name="trace">Receives the bubble's scheduling decisions, one per line (tests of determinism).</param>
    /// <param name="createRun">Creates the root's run for this bubble.</param>
    internal Bubble(long? seed, List<string>? trace, Func<Bubble, RunContext> createRun)
    {
        if (Current is not null)
        {
            throw new InvalidOperationException(
                "SyncTest.Run cannot be called inside a SyncTest bubble: bubbles do not nest (as in Go). " +
                "Run the code directly, or start it in a goroutine of this bubble.");
        }

        id = Interlocked.Increment(ref s_nextId);
        strict = seed is not null;
        this.seed = seed ?? Random.Shared.NextInt64(1, long.MaxValue);
        _random = new BubbleRandom(this.seed);
        _trace = trace;
        synchronizationContext = new BubbleSynchronizationContext(this);
        timeProvider = new BubbleTimeProvider(this);
        run = createRun(this);
    }

    /// <summary>The bubble the calling thread runs goroutines of, or null.</summary>
    internal static Bubble? Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => M.Current?.bubble;
    }

    /// <summary>True once the bubble has ended (successfully or not).</summary>
    internal bool IsFinished => _outcome != Outcome.Running;

    /// <summary>True once the bubble has failed (and abandoned its goroutines).</summary>
    internal bool Failed => _outcome == Outcome.Failed;

    /// <summary>The bubble the caller is in; throws a clear error outside any bubble.</summary>
    internal static Bubble RequireCurrent(string api) => Current ?? throw new InvalidOperationException(
        $"{api} can only be used inside SyncTest.Run, by a goroutine of the bubble (including goroutines it starts).");

    /// <summary>
    /// Runs <paramref name="root"/> as the bubble's root goroutine and blocks until every goroutine
    /// of the bubble has exited; rethrows the root's exception, a goroutine's panic, or the deadlock.
    /// </summary>
    internal void Run(G root)
    {
        GoSharp.CompilerServices.Goroutines.Start(root, run);
        lock (_lock)
        {
            StartLoopThreadLocked();
        }

        LiveBubbles.Add(this);
        Sched.BlockOn(_done);
        _failure?.Throw();
    }

    /// <summary>
    /// Fails the bubble (a goroutine's panic, the root's exception, a lost interleaving): its
    /// goroutines are abandoned and <see cref="SyncTest.Run(Action, long?)"/> throws
    /// <paramref name="failure"/>. False if the bubble had already ended.
    /// </summary>
    internal bool Fail(Exception failure) => Fail(ExceptionDispatchInfo.Capture(failure));

    /// <inheritdoc cref="Fail(Exception)"/>
    internal bool Fail(ExceptionDispatchInfo failure)
    {
        lock (_lock)
        {
            return FailLocked(failure);
        }
    }

    private bool FailLocked(ExceptionDispatchInfo failure)
    {
        if (_outcome != Outcome.Running)
        {
            return false;
        }

        _failure = failure;
        _outcome = Outcome.Failed;
        WakeHolderLocked();
        return true;
    }

    /// <summary>The root goroutine returned: the bubble goes on until its other goroutines exit, but its clock stops.</summary>
    internal void RootExited()
    {
        lock (_lock)
        {
            _rootExited = true;
            Trace("root exits");
        }
    }

    /// <summary>
    /// Throws unless the caller is in <paramref name="owner"/>: objects created in a bubble belong
    /// to it (as in Go, where using them from outside is a fatal error).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void CheckCaller(Bubble owner, object what)
    {
        if (Current != owner)
        {
            throw owner.UsedFromOutside(what.ToString() ?? "object");
        }
    }

    /// <summary>Throws unless the caller is in this bubble; <paramref name="operation"/> names what was attempted.</summary>
    internal void CheckCaller(string operation)
    {
        if (Current != this)
        {
            throw UsedFromOutside(operation);
        }
    }

    private InvalidOperationException UsedFromOutside(string what) => new(
        $"{what}: created in SyncTest bubble {id} and used from outside it. A channel, timer or ticker created " +
        "in a bubble belongs to that bubble, and only its goroutines may use it (as in Go's testing/synctest). " +
        "Create it outside SyncTest.Run to share it with code outside the bubble, or keep that code in the bubble.");

    /// <summary>
    /// Something made the run depend on timing rather than on the seed. A bubble with a chosen seed
    /// fails at once; any other keeps a note for its failure message.
    /// </summary>
    private void BreakLocked(string what)
    {
        _breaks ??= new List<string>();
        if (_breaks.Count < 4)
        {
            _breaks.Add(what);
        }

        Trace("nondeterminism: " + what);
        if (strict)
        {
            FailLocked(ExceptionDispatchInfo.Capture(new NondeterminismException(seed, what)));
        }
    }

    /// <summary>Appends a scheduling decision to the trace, when one is kept. Lock held.</summary>
    private void Trace(string decision) => _trace?.Add(decision);
}
