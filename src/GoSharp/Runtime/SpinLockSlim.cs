namespace GoSharp.Runtime;

/// <summary>
/// A minimal lock for the runtime's short critical sections (channel state, timer heaps): one CAS
/// to enter, one store to leave, spinning then yielding the thread under contention (Go's
/// runtime.lock). Not reentrant. Must live in a field and be used in place, never copied.
/// </summary>
internal struct SpinLockSlim
{
    private int _held;

    internal void Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    internal void Exit() => Volatile.Write(ref _held, 0);

    private void EnterContended()
    {
        var spinner = new SpinWait();
        do
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }
}
