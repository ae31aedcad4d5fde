namespace GoSharp.Runtime;

/// <summary>
/// Something goroutines wait in (a channel, a semaphore, a notify list). Deadlock detection asks
/// it whether code outside goroutines can reach it: then a plain thread may still wake its
/// waiters, and the runtime must not call them deadlocked. A SyncTest bubble asks it which
/// bubble it belongs to.
/// </summary>
internal interface IWaitTarget
{
    /// <summary>True if the object was created or used by a thread that is not running a goroutine.</summary>
    bool ReachableFromThreads { get; }

    /// <summary>
    /// The SyncTest bubble the object belongs to, or null. A goroutine of a bubble waiting only
    /// on objects of its own bubble is durably blocked: nothing outside can wake it.
    /// </summary>
    GoSharp.Testing.Bubble? Bubble { get; }
}
