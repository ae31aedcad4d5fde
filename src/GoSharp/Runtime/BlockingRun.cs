namespace GoSharp.Runtime;

/// <summary>A run whose caller blocks its thread until the run is over (<c>Go.Run</c>).</summary>
internal class BlockingRun : RunContext
{
    private readonly Note _done = new();

    internal BlockingRun()
    {
        if (bubble is not null)
        {
            throw new NotSupportedException(
                "Go.Run cannot be called inside a SyncTest bubble: its caller would block outside the bubble's scheduler. " +
                "Call the function directly, or start it with go(...) and wait for it on a channel or a WaitGroup.");
        }

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
