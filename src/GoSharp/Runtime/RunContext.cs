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
