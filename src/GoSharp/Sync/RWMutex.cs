using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A reader/writer mutual exclusion lock (Go's <c>sync.RWMutex</c>): any number of readers or
/// one writer. A blocked <see cref="Lock"/> call excludes new readers, so a writer is not starved
/// by a stream of readers; readers that arrived before it finish first.
/// </summary>
/// <remarks>
/// Go's algorithm: <c>_readerCount</c> counts readers and drops by <see cref="MaxReaders"/> while a
/// writer is pending, which sends new readers to sleep on <c>_readerSem</c>; <c>_readerWait</c>
/// counts the readers the pending writer still waits for, the last of which releases
/// <c>_writerSem</c>. Writers exclude each other with a <see cref="Mutex"/>.
/// </remarks>
public sealed class RWMutex : ILocker
{
    private const int MaxReaders = 1 << 30;

    private readonly Mutex _w = new();
    private readonly Sema _writerSem = new();
    private readonly Sema _readerSem = new();
    private int _readerCount;
    private int _readerWait;

    /// <summary>Locks for reading, blocking while a writer holds or waits for the lock. In a <c>[Goroutine]</c> method this parks instead.</summary>
    [AwaitableForm(nameof(RLockAsync))]
    public void RLock()
    {
        NoteUse();
        if (Interlocked.Increment(ref _readerCount) < 0)
        {
            _readerSem.Acquire(WaitReason.RWMutexRLock); // a writer is pending: wait for it
        }
    }

    /// <summary>Locks for reading, parking the goroutine while a writer holds or waits for the lock.</summary>
    public SemaAwaitable RLockAsync() =>
        Interlocked.Increment(ref _readerCount) < 0 ? new SemaAwaitable(_readerSem, WaitReason.RWMutexRLock) : default;

    /// <summary>Locks for reading if that needs no waiting.</summary>
    /// <returns>True if this call locked for reading.</returns>
    public bool TryRLock()
    {
        NoteUse();
        while (true)
        {
            int c = Volatile.Read(ref _readerCount);
            if (c < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _readerCount, c + 1, c) == c)
            {
                return true;
            }
        }
    }

    /// <summary>Undoes one <see cref="RLock"/>.</summary>
    /// <exception cref="SynchronizationLockException">The mutex is not locked for reading.</exception>
    public void RUnlock()
    {
        NoteUse();
        int r = Interlocked.Decrement(ref _readerCount);
        if (r < 0)
        {
            RUnlockSlow(r);
        }
    }

    /// <summary>Locks for writing, blocking until readers and any writer are done. In a <c>[Goroutine]</c> method this parks instead.</summary>
    [AwaitableForm(nameof(LockAsync))]
    public void Lock()
    {
        NoteUse();
        _w.Lock();
        if (AnnounceWriter())
        {
            _writerSem.Acquire(WaitReason.RWMutexLock);
        }
    }

    /// <summary>Locks for writing, parking the goroutine until readers and any writer are done.</summary>
    public async GoTask LockAsync()
    {
        await _w.LockAsync();
        if (AnnounceWriter())
        {
            await new SemaAwaitable(_writerSem, WaitReason.RWMutexLock);
        }
    }

    /// <summary>Locks for writing if the lock is free now.</summary>
    /// <returns>True if this call locked for writing.</returns>
    public bool TryLock()
    {
        NoteUse();
        if (!_w.TryLock())
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _readerCount, -MaxReaders, 0) != 0)
        {
            _w.Unlock();
            return false;
        }

        return true;
    }

    /// <summary>Unlocks for writing and lets the readers that queued meanwhile in.</summary>
    /// <exception cref="SynchronizationLockException">The mutex is not locked for writing.</exception>
    public void Unlock()
    {
        NoteUse();
        int r = Interlocked.Add(ref _readerCount, MaxReaders);
        if (r >= MaxReaders)
        {
            Interlocked.Add(ref _readerCount, -MaxReaders);
            throw new SynchronizationLockException("sync: Unlock of unlocked RWMutex");
        }

        for (int i = 0; i < r; i++)
        {
            _readerSem.Release();
        }

        _w.Unlock();
    }

    /// <summary>A locker whose Lock and Unlock are <see cref="RLock"/> and <see cref="RUnlock"/> (Go's RLocker).</summary>
    public ILocker RLocker() => new ReadLocker(this);

    /// <summary>Records a use from a plain thread on the semaphores goroutines may wait in.</summary>
    private void NoteUse()
    {
        if (Sched.CurrentG is null)
        {
            _readerSem.NoteUse();
            _writerSem.NoteUse();
        }
    }

    /// <summary>
    /// Tells readers a writer is pending; true if the writer must wait for active readers.
    /// </summary>
    private bool AnnounceWriter()
    {
        int r = Interlocked.Add(ref _readerCount, -MaxReaders) + MaxReaders;
        return r != 0 && Interlocked.Add(ref _readerWait, r) != 0;
    }

    private void RUnlockSlow(int r)
    {
        if (r + 1 == 0 || r + 1 == -MaxReaders)
        {
            Interlocked.Increment(ref _readerCount);
            throw new SynchronizationLockException("sync: RUnlock of unlocked RWMutex");
        }

        // A writer is pending: the last reader it waits for lets it in.
        if (Interlocked.Decrement(ref _readerWait) == 0)
        {
            _writerSem.Release();
        }
    }

    private sealed class ReadLocker(RWMutex rw) : ILocker
    {
        public void Lock() => rw.RLock();

        public async GoTask LockAsync() => await rw.RLockAsync();

        public void Unlock() => rw.RUnlock();
    }
}
