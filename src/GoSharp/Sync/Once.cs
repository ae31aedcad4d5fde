using GoSharp.CompilerServices;

namespace GoSharp;

/// <summary>
/// Performs an action exactly once (Go's <c>sync.Once</c>). Concurrent callers of <see cref="Do"/>
/// wait until the first call's action has returned. An action that throws still counts as done,
/// as a panicking function does in Go: later calls do nothing.
/// </summary>
public sealed class Once
{
    private int _done;
    private readonly Mutex _m = new();

    /// <summary>True once the action has run (or thrown).</summary>
    public bool IsDone => Volatile.Read(ref _done) != 0;

    /// <summary>
    /// Runs <paramref name="f"/> if no call of this Once has run one yet, else waits until that
    /// call has finished. In a <c>[Goroutine]</c> method this parks instead of blocking.
    /// </summary>
    [AwaitableForm(nameof(DoAsync))]
    public void Do([GoroutineCode] Action f)
    {
        if (Volatile.Read(ref _done) != 0)
        {
            return;
        }

        _m.Lock();
        try
        {
            RunOnce(f);
        }
        finally
        {
            _m.Unlock();
        }
    }

    /// <summary>The parking form of <see cref="Do"/>.</summary>
    public GoTask DoAsync([GoroutineCode] Action f) => Volatile.Read(ref _done) != 0 ? default : DoSlowAsync(f);

    /// <summary>The parking form of <see cref="Do"/> for an action that itself parks.</summary>
    public GoTask DoAsync([GoroutineCode] Func<GoTask> f) => Volatile.Read(ref _done) != 0 ? default : DoSlowAsync(f);

    private async GoTask DoSlowAsync(Action f)
    {
        await _m.LockAsync();
        try
        {
            RunOnce(f);
        }
        finally
        {
            _m.Unlock();
        }
    }

    private async GoTask DoSlowAsync(Func<GoTask> f)
    {
        await _m.LockAsync();
        try
        {
            if (_done == 0)
            {
                try
                {
                    await f();
                }
                finally
                {
                    Volatile.Write(ref _done, 1);
                }
            }
        }
        finally
        {
            _m.Unlock();
        }
    }

    private void RunOnce(Action f)
    {
        if (_done == 0)
        {
            try
            {
                f();
            }
            finally
            {
                Volatile.Write(ref _done, 1);
            }
        }
    }
}
