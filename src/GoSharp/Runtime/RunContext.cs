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

/// <summary>A run whose caller blocks its thread until the run is over (<c>Go.Run</c>).</summary>
internal class BlockingRun : RunContext
{
    private readonly Note _done = new();

    internal BlockingRun()
    {
        DeadlockDetector.RunStarted();
    }

    /// <summary>Blocks until the run is over and rethrows its failure.</summary>
    internal void Wait()
    {
        try
        {
            Sched.BlockOn(_done);
        }
        finally
        {
            DeadlockDetector.RunEnded();
        }

        failure?.Throw();
    }

    protected override void Complete() => _done.Wakeup();
}

/// <summary>A blocking run whose main goroutine produces a value (<c>Go.Run&lt;T&gt;</c>).</summary>
internal sealed class BlockingRun<T> : BlockingRun
{
    private T _result = default!;

    internal new T Wait()
    {
        base.Wait();
        return _result;
    }

    protected override void CaptureResult(G main) => _result = main.GetResult<T>();
}

/// <summary>A run observed through a Task (<c>Go.RunAsync</c>).</summary>
internal sealed class TaskRun<T> : RunContext
{
    private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    internal Task<T> Task => _tcs.Task;

    protected override void CaptureResult(G main) => _result = main.GetResult<T>();

    protected override void Complete()
    {
        if (failure is null)
        {
            _tcs.SetResult(_result);
        }
        else
        {
            _tcs.SetException(failure.SourceException);
        }
    }
}
