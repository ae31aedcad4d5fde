namespace TasksBench;

/// <summary>
/// What C# code uses for Go's sync.WaitGroup when every participant is known up front: an
/// Interlocked countdown whose last <see cref="Done"/> completes a task.
/// </summary>
internal sealed class Countdown
{
    private readonly TaskCompletionSource _zero = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public Countdown(int count)
    {
        _remaining = count;
        if (count == 0)
        {
            _zero.SetResult();
        }
    }

    public void Done()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _zero.SetResult();
        }
    }

    public Task WaitAsync() => _zero.Task;
}
