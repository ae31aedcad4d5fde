using System.Runtime.CompilerServices;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A mutual exclusion lock for goroutines (Go's <c>sync.Mutex</c>). Not reentrant; it may be
/// unlocked by a different goroutine than the one that locked it, as in Go.
/// </summary>
/// <remarks>
/// <para>
/// Go's algorithm. In normal mode waiters queue FIFO, but a woken waiter competes with goroutines
/// arriving at that moment, which usually win (they are already running): good throughput. A
/// waiter that fails to get the lock for more than 1 ms switches the mutex to starvation mode,
/// where an unlock hands the lock directly to the waiter at the front and newcomers queue at the
/// back; the mutex returns to normal mode when the last waiter is served or a waiter waited less
/// than 1 ms. So no waiter starves.
/// </para>
/// <para>
/// State word: bit 0 locked, bit 1 a waiter has been woken, bit 2 starvation mode, the rest the
/// number of waiters. Waiters sleep on a <see cref="Sema"/>.
/// </para>
/// </remarks>
public sealed class Mutex : ILocker
{
    private const int Locked = 1;
    private const int Woken = 2;
    private const int Starving = 4;
    private const int WaiterShift = 3;
    private const long StarvationThresholdNs = 1_000_000;

    private int _state;
    private readonly Sema _sema = new();

    /// <summary>Locks, blocking until the lock is free. In a <c>[Goroutine]</c> method this parks instead.</summary>
    [AwaitableForm(nameof(LockAsync))]
    public void Lock()
    {
        _sema.NoteUse();
        if (Interlocked.CompareExchange(ref _state, Locked, 0) == 0)
        {
            return;
        }

        var slow = new LockSlowPath();
        while (!Try(ref slow))
        {
            _sema.Acquire(WaitReason.MutexLock, slow.queueLifo);
            if (AfterWake(ref slow))
            {
                return;
            }
        }
    }

    /// <summary>Locks, parking the goroutine until the lock is free: <c>await mu.LockAsync();</c>.</summary>
    public GoTask LockAsync() =>
        Interlocked.CompareExchange(ref _state, Locked, 0) == 0 ? default : LockSlowAsync();

    /// <summary>Locks if the lock is free now, without waiting.</summary>
    /// <returns>True if this call locked the mutex.</returns>
    public bool TryLock()
    {
        _sema.NoteUse();
        int old = Volatile.Read(ref _state);
        return (old & (Locked | Starving)) == 0 && Interlocked.CompareExchange(ref _state, old | Locked, old) == old;
    }

    /// <summary>Unlocks, letting one waiter (if any) take the lock.</summary>
    /// <exception cref="SynchronizationLockException">The mutex is not locked.</exception>
    public void Unlock()
    {
        _sema.NoteUse();
        int state = Interlocked.Add(ref _state, -Locked);
        if (state != 0)
        {
            UnlockSlow(state);
        }
    }

    private async GoTask LockSlowAsync()
    {
        var slow = new LockSlowPath();
        while (!Try(ref slow))
        {
            await new SemaAwaitable(_sema, WaitReason.MutexLock, slow.queueLifo);
            if (AfterWake(ref slow))
            {
                return;
            }
        }
    }

    /// <summary>Go's lockSlow locals: one contended Lock call's progress.</summary>
    private struct LockSlowPath
    {
        internal long waitStart;
        internal bool starving;
        internal bool awoke;
        internal bool queueLifo;
        internal int iter;
    }

    /// <summary>
    /// Go's lockSlow loop up to the point of sleeping: true once the lock is taken; false when the
    /// caller is counted as a waiter and must sleep on the semaphore.
    /// </summary>
    private bool Try(ref LockSlowPath s)
    {
        int old = Volatile.Read(ref _state);
        while (true)
        {
            // Spin briefly while the holder runs and the mutex is not starving: it may unlock soon.
            if ((old & (Locked | Starving)) == Locked && CanSpin(s.iter))
            {
                // Set Woken so Unlock does not wake another waiter while this one spins.
                if (!s.awoke && (old & Woken) == 0 && old >> WaiterShift != 0 &&
                    Interlocked.CompareExchange(ref _state, old | Woken, old) == old)
                {
                    s.awoke = true;
                }

                Thread.SpinWait(30);
                s.iter++;
                old = Volatile.Read(ref _state);
                continue;
            }

            int next = old;
            if ((old & Starving) == 0)
            {
                next |= Locked; // do not take a starving mutex: it belongs to the queue
            }

            if ((old & (Locked | Starving)) != 0)
            {
                next += 1 << WaiterShift;
            }

            if (s.starving && (old & Locked) != 0)
            {
                next |= Starving;
            }

            if (s.awoke)
            {
                next &= ~Woken;
            }

            if (Interlocked.CompareExchange(ref _state, next, old) == old)
            {
                if ((old & (Locked | Starving)) == 0)
                {
                    return true;
                }

                // A waiter that already waited goes to the front of the queue.
                s.queueLifo = s.waitStart != 0;
                if (s.waitStart == 0)
                {
                    s.waitStart = Time.Clock.Nanotime(); // a bubble's clock: starvation never depends on real timing there
                }

                return false;
            }

            old = Volatile.Read(ref _state);
        }
    }

    /// <summary>After a waiter is woken: true if the lock was handed to it (starvation mode).</summary>
    private bool AfterWake(ref LockSlowPath s)
    {
        s.starving = s.starving || Time.Clock.Nanotime() - s.waitStart > StarvationThresholdNs;
        int old = Volatile.Read(ref _state);
        if ((old & Starving) != 0)
        {
            // Handed off: the unlocker left Locked clear and the waiter count includes us.
            int delta = Locked - (1 << WaiterShift);
            if (!s.starving || old >> WaiterShift == 1)
            {
                delta -= Starving; // the last waiter, or one that did not wait long: back to normal mode
            }

            Interlocked.Add(ref _state, delta);
            return true;
        }

        s.awoke = true;
        s.iter = 0;
        return false;
    }

    private void UnlockSlow(int state)
    {
        if (((state + Locked) & Locked) == 0)
        {
            Interlocked.Add(ref _state, Locked);
            throw new SynchronizationLockException("sync: unlock of unlocked mutex");
        }

        if ((state & Starving) != 0)
        {
            _sema.Release(); // hand the lock to the first waiter
            return;
        }

        int old = state;
        while (true)
        {
            // Nobody to wake, or someone already locked, was woken, or the mode changed.
            if (old >> WaiterShift == 0 || (old & (Locked | Woken | Starving)) != 0)
            {
                return;
            }

            int next = (old - (1 << WaiterShift)) | Woken;
            if (Interlocked.CompareExchange(ref _state, next, old) == old)
            {
                _sema.Release();
                return;
            }

            old = Volatile.Read(ref _state);
        }
    }

    /// <summary>Go's sync_runtime_canSpin: a few rounds, only where another core can make progress.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CanSpin(int iter) => iter < 4 && Environment.ProcessorCount > 1 && Volatile.Read(ref Sched.gomaxprocs) > 1;

    /// <summary>True while the mutex is in starvation mode (for tests and dumps).</summary>
    internal bool IsStarving => (Volatile.Read(ref _state) & Starving) != 0;

    /// <summary>The number of goroutines waiting for the lock (for tests and dumps).</summary>
    internal int Waiters => Volatile.Read(ref _state) >> WaiterShift;

    /// <inheritdoc/>
    public override string ToString()
    {
        int s = Volatile.Read(ref _state);
        return $"Mutex ({((s & Locked) != 0 ? "locked" : "unlocked")}{((s & Starving) != 0 ? ", starving" : "")}, waiters {s >> WaiterShift})";
    }
}
