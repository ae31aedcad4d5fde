using System.Runtime.ExceptionServices;

namespace GoSharp.Runtime;

/// <summary>
/// One <c>Go.Run</c> (or <c>Go.RunAsync</c>): its main goroutine, and the outcome its caller
/// waits for. Every goroutine started from inside the run inherits it (<see cref="G.run"/>), so a
/// goroutine's unhandled exception fails the run it belongs to, as a panic ends a Go program.
/// </summary>
internal abstract class RunContext
{
    private int _finished;

    /// <summary>The main goroutine.</summary>
    internal G? main;

    /// <summary>
    /// The SyncTest bubble the run's goroutines belong to: the bubble's own run, or a run started
    /// inside a bubble; null otherwise. Goroutines inherit their spawner's run, so this is how
    /// the scheduler knows a goroutine is in a bubble without a field on every goroutine.
    /// </summary>
    internal readonly GoSharp.Testing.Bubble? bubble;

    /// <summary>A run started by the current thread: inside a bubble, it belongs to that bubble.</summary>
    protected RunContext()
        : this(GoSharp.Testing.Bubble.Current)
    {
    }

    /// <summary>A run of <paramref name="bubble"/> (or of no bubble).</summary>
    protected RunContext(GoSharp.Testing.Bubble? bubble)
    {
        this.bubble = bubble;
    }

    /// <summary>The main goroutine's exception, or the panic of another goroutine of this run.</summary>
    protected ExceptionDispatchInfo? failure;

    internal bool IsFinished => Volatile.Read(ref _finished) != 0;

    /// <summary>The main goroutine finished: capture its result or exception and release the caller.</summary>
    internal void MainExited(G g)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return; // already failed by another goroutine's panic
        }

        failure = g.error;
        if (failure is null)
        {
            CaptureResult(g);
        }

        Complete();
    }

    /// <summary>Another goroutine of this run panicked: the run fails with it. False if the run was already over.</summary>
    internal bool TryFail(Exception panic)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return false;
        }

        failure = ExceptionDispatchInfo.Capture(panic);
        Complete();
        return true;
    }

    /// <summary>Reads the main goroutine's result before the goroutine is pooled.</summary>
    protected virtual void CaptureResult(G main)
    {
    }

    /// <summary>Releases whoever waits for the run.</summary>
    protected abstract void Complete();
}
