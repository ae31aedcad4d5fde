namespace GoSharp.Runtime;

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
