namespace GoSharp.Runtime;

/// <summary>
/// A minimal lock for the runtime's short critical sections (channel state, timer heaps): one CAS
/// to enter, one store to leave, spinning, then sleeping the thread under contention (Go's
/// runtime.lock). Not reentrant. Must live in a field and be used in place, never copied.
/// </summary>
/// <remarks>
/// Contention policy. A waiter spins with growing pauses for about 3 microseconds (ten rounds of
/// <see cref="SpinWait"/>), which covers a holder that is inside its critical section; after
/// that it sleeps a millisecond between attempts. Go's lock does the same (a few rounds of
/// spinning, one yield, then a futex sleep), except that its unlock wakes the sleeper: that
/// needs a full fence on every unlock, which here would cost each uncontended channel operation
/// an interlocked instruction, so a sleeper here wakes on its own. What the sleep buys: when two
/// threads hammer one channel (producers and consumers on both Ps), one of them stops competing
/// for the lock's cache line and the other runs at one-core speed, instead of both passing the
/// line back and forth. Measured on the prodcons workload (docs/performance.md): yielding
/// instead of sleeping, 450-600 ms; sleeping after 15 rounds, about 420 ms; after 10, 220-380 ms.
/// </remarks>
internal struct SpinLockSlim
{
    /// <summary>Rounds of <see cref="SpinWait.SpinOnce(int)"/> before a waiter sleeps 1 ms per attempt (the least it accepts).</summary>
    private const int SpinRoundsBeforeSleep = 10;

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
            spinner.SpinOnce(sleep1Threshold: SpinRoundsBeforeSleep);
        }
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }
}
