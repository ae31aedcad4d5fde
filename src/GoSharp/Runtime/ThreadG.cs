namespace GoSharp.Runtime;

/// <summary>
/// Stands in for a goroutine when a plain thread (not a scheduler thread) blocks in a GoSharp
/// operation, so that channel and select code deals with one kind of waiter. Never scheduled:
/// readying it wakes the thread. One per thread, created on first use; not counted as a goroutine.
/// </summary>
internal sealed class ThreadG : G
{
    [ThreadStatic]
    private static ThreadG? t_current;

    private readonly string _name;

    private ThreadG()
    {
        _name = Thread.CurrentThread.Name ?? $"thread {Environment.CurrentManagedThreadId}";
        Volatile.Write(ref status, GStatus.Running);
    }

    internal static ThreadG Current => t_current ??= new ThreadG();

    internal override string EntryName => _name;

    internal override bool IsThreadBound => true;

    internal override void MoveNext() =>
        throw new InvalidOperationException("A plain thread's stand-in goroutine is never scheduled.");
}

/// <summary>
/// Blocking the calling thread in a GoSharp operation: the thread's goroutine (or stand-in)
/// gets a note that readying it will wake, and the scheduler hands the thread's P to others
/// while it sleeps.
/// </summary>
internal static class ThreadWait
{
    [ThreadStatic]
    private static Note? t_note;

    /// <summary>
    /// Prepares to block: returns the goroutine to put in waiters. Call before publishing the
    /// waiter (under the channel lock), then <see cref="Block"/> after releasing the lock.
    /// </summary>
    internal static G Begin(WaitReason reason)
    {
        G g = Sched.CurrentG ?? ThreadG.Current;
        Note note = t_note ??= new Note();
        note.Clear();
        g.waitreason = reason;
        g.waitsince = Environment.TickCount64;
        g.waiting = null;
        g.blockedThread = note;
        return g;
    }

    /// <summary>Blocks until the goroutine returned by <see cref="Begin"/> is readied.</summary>
    internal static void Block(G g)
    {
        Sched.BlockOn(g.blockedThread!);
        g.blockedThread = null;
        g.waitreason = WaitReason.None;
    }

    /// <summary>Undoes <see cref="Begin"/> when the operation completed before the goroutine was published.</summary>
    internal static void Cancel(G g)
    {
        g.blockedThread = null;
        g.waitreason = WaitReason.None;
    }

    /// <summary>Blocks the thread forever (a nil-channel operation or an empty select outside a goroutine).</summary>
    internal static void BlockForever(WaitReason reason)
    {
        G g = Begin(reason);
        Block(g);
    }
}
