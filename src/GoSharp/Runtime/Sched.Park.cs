using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// Parking and readying goroutines (Go's gopark / goready) and the frame transitions the
/// compiler-services layer reports (return, yield, exit). Starting and tearing down goroutines
/// is in <c>Sched.Lifecycle.cs</c>.
/// </summary>
/// <remarks>
/// All of these except <see cref="Ready"/> run on the M that is
/// executing the goroutine, inside the state machine's <c>MoveNext</c>; they only record what the
/// scheduler loop (<see cref="Execute"/>) must do once <c>MoveNext</c> has returned.
/// </remarks>
internal static partial class Sched
{
    /// <summary>The goroutine running on this thread, or null on a plain thread.</summary>
    internal static G? CurrentG
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => M.Current?.curg;
    }

    /// <summary>True if sysmon asked the current goroutine to yield.</summary>
    internal static bool PreemptRequested
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => M.Current?.curg is G g && Volatile.Read(ref g.preempt);
    }

    /// <summary>
    /// Starts parking the current goroutine, whose innermost frame is <paramref name="frame"/>.
    /// The caller then registers the goroutine wherever the wake-up will come from; the park is
    /// committed by the scheduler loop once the state machine has unwound (see <see cref="G"/>).
    /// </summary>
    internal static G BeginPark(Frame frame, WaitReason reason)
    {
        G g = Suspend(frame, reason, FrameOutcome.Park);
        g.waitsince = G.Now;
        g.waiting = null;
        Volatile.Write(ref g.status, GStatus.Parking);
        return g;
    }

    /// <summary>
    /// Undoes <see cref="BeginPark"/> when the awaiter finds, before publishing the goroutine
    /// anywhere, that it can complete at once. The frame resumes immediately.
    /// </summary>
    internal static void CancelPark(G g)
    {
        g.waitreason = WaitReason.None;
        Volatile.Write(ref g.status, GStatus.Running);
        M.Current!.outcome = FrameOutcome.Return;
    }

    /// <summary>
    /// Makes a parked goroutine runnable (Go's goready). It goes to the readier's
    /// <c>runnext</c>, so it runs as soon as the readier parks, on the same P and cache.
    /// Safe from any thread; exactly one ready per park.
    /// </summary>
    internal static void Ready(G g)
    {
        if (g.run?.bubble is GoSharp.Testing.Bubble bubble)
        {
            bubble.Ready(g); // a bubble's goroutines run only on its own scheduler
            return;
        }

        if (g.BlockedThread is Note thread)
        {
            thread.Wakeup();
            return;
        }

        while (true)
        {
            int s = Volatile.Read(ref g.status);
            if (s == GStatus.Waiting)
            {
                if (Interlocked.CompareExchange(ref g.status, GStatus.Runnable, GStatus.Waiting) == GStatus.Waiting)
                {
                    break;
                }
            }
            else if (s == GStatus.Parking)
            {
                if (Interlocked.CompareExchange(ref g.status, GStatus.ReadyWhileParking, GStatus.Parking) == GStatus.Parking)
                {
                    return; // its M has not finished unwinding; it will keep running it
                }
            }
            else
            {
                throw new InvalidOperationException($"goready: goroutine {g.goid} is not parked (status {s}).");
            }
        }

        RunqPutHere(g);
        Wakep();
    }

    /// <summary>Queues on the current P's runnext, or globally when there is no usable P here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunqPutHere(G g)
    {
        if (M.Current?.p is P p && Volatile.Read(ref p.stuck) == 0)
        {
            p.RunqPut(g, next: true);
        }
        else
        {
            GlobalRunqPut(g);
            Interlocked.MemoryBarrier(); // StoreLoad before the caller's Wakep (see its remarks)
        }
    }

    /// <summary>The current goroutine yields its time slice; it goes to the global queue (Go's Gosched).</summary>
    internal static void Yield(Frame frame, WaitReason reason) => Suspend(frame, reason, FrameOutcome.Yield);

    /// <summary>
    /// Records that the current goroutine suspends in <paramref name="frame"/>. A goroutine
    /// suspends once per step: a second suspension means a GoTask that suspended was not awaited
    /// at once and its caller went on running.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static G Suspend(Frame frame, WaitReason reason, FrameOutcome outcome)
    {
        M m = M.Current ?? throw NotOnGoroutine();
        G g = m.curg ?? throw NotOnGoroutine();
        if (m.outcome != FrameOutcome.Running)
        {
            throw NotAwaitedImmediately(g);
        }

        g.frame = frame;
        g.waitreason = reason;
        m.outcome = outcome;
        return g;
    }

    /// <summary>A nested frame finished: the scheduler loop resumes the frame that awaits it.</summary>
    internal static void FrameReturned(NestedFrame frame)
    {
        M m = M.Current!;
        m.curg!.frame = frame.parent ?? throw new InvalidOperationException(
            "A GoTask completed that nobody was awaiting: every GoTask must be awaited immediately.");
        m.outcome = FrameOutcome.Return;
    }

    /// <summary>The goroutine's bottom frame finished; the loop tears the goroutine down.</summary>
    internal static void Exit() => M.Current!.outcome = FrameOutcome.Exit;

    /// <summary>
    /// A frame awaits <paramref name="child"/>, which has just suspended: link it so the child's
    /// completion resumes <paramref name="caller"/>. The goroutine's innermost frame stays the child's.
    /// </summary>
    internal static void AwaitChild(Frame child, Frame caller)
    {
        if (child is G)
        {
            throw new InvalidOperationException(
                "A GoTask created with GoroutineEntry.Spawn starts a goroutine: pass it to Goroutines.Spawn or Goroutines.Run; do not await it.");
        }

        // The child suspended in this very step: it parked, yielded, or (Return) found it could
        // complete after all and is to be resumed at once. Anything else means it suspended in an
        // earlier step and its caller went on running meanwhile.
        M m = M.Current ?? throw NotOnGoroutine();
        if (m.outcome is not (FrameOutcome.Park or FrameOutcome.Yield or FrameOutcome.Return))
        {
            throw NotAwaitedImmediately(m.curg!);
        }

        ((NestedFrame)child).parent = caller; // every frame but a goroutine's bottom one (excluded above) is nested
    }

    private static InvalidOperationException NotAwaitedImmediately(G g) => new(
        $"goroutine {g.goid}: a GoTask suspended but was not awaited immediately; every GoTask must be awaited where it is called.");

    internal static InvalidOperationException NotOnGoroutine() => new(
        "This GoSharp awaitable can only be awaited inside a goroutine (an async GoTask method running on the GoSharp scheduler). " +
        "From other code, use the blocking form of the operation or start a goroutine with Go.Run, Go.RunAsync or go(...).");
}
