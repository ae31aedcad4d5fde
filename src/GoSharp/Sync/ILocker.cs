using GoSharp.CompilerServices;

namespace GoSharp;

/// <summary>An object that can be locked and unlocked (Go's <c>sync.Locker</c>), as <see cref="Cond"/> needs.</summary>
public interface ILocker
{
    /// <summary>Locks, blocking the thread until the lock is free.</summary>
    [AwaitableForm(nameof(LockAsync))]
    void Lock();

    /// <summary>Locks, parking the goroutine until the lock is free.</summary>
    GoTask LockAsync();

    /// <summary>Unlocks.</summary>
    void Unlock();
}
