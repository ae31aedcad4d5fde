namespace GoSharp.Runtime;

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
        g.waitsince = G.Now;
        g.waiting = null;
        g.ForeignWakeState.blockedThread = note;
        return g;
    }

    /// <summary>Blocks until the goroutine returned by <see cref="Begin"/> is readied.</summary>
    internal static void Block(G g)
    {
        ForeignWake wake = g.foreignWake!;
        Sched.BlockOn(wake.blockedThread!);
        wake.blockedThread = null;
        g.waitreason = WaitReason.None;
    }

    /// <summary>Undoes <see cref="Begin"/> when the operation completed before the goroutine was published.</summary>
    internal static void Cancel(G g)
    {
        g.foreignWake!.blockedThread = null;
        g.waitreason = WaitReason.None;
    }

    /// <summary>Blocks the thread forever (a nil-channel operation or an empty select outside a goroutine).</summary>
    internal static void BlockForever(WaitReason reason)
    {
        G g = Begin(reason);
        Block(g);
    }
}
