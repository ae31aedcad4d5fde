namespace GoSharp.Runtime;

/// <summary>
/// The rarely used ways a goroutine is woken other than through a run queue: the note of the
/// thread it blocks (a goroutine that calls a blocking operation from code the generator did not
/// rewrite, or a plain thread's <see cref="ThreadG"/>), and the delegate that a foreign awaiter
/// (a Task's) calls to ready it. Kept out of <see cref="G"/> so that a goroutine that never does
/// either pays one null reference for both (<see cref="G.foreignWake"/>).
/// </summary>
internal sealed class ForeignWake
{
    /// <summary>
    /// Non-null while the goroutine blocks its thread in a synchronous operation: readying it
    /// then wakes the thread instead of queueing the goroutine. Written by the blocking thread
    /// before it publishes its waiter (under the wait target's lock), so a readier that found the
    /// waiter sees it.
    /// </summary>
    internal Note? blockedThread;

    /// <summary>The cached delegate that readies the goroutine (see <see cref="G.ReadyAction"/>).</summary>
    internal Action? readyAction;
}
