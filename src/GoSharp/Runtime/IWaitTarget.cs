namespace GoSharp.Runtime;

/// <summary>
/// Something goroutines wait in (a channel, a semaphore, a notify list). Deadlock detection asks
/// it whether code outside goroutines can reach it: then a plain thread may still wake its
/// waiters, and the runtime must not call them deadlocked.
/// </summary>
internal interface IWaitTarget
{
    /// <summary>True if the object was created or used by a thread that is not running a goroutine.</summary>
    bool ReachableFromThreads { get; }
}
