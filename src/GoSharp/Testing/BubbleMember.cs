using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>Where a goroutine of a bubble stands in the bubble's scheduler (changed under the bubble's lock).</summary>
internal enum MemberState : byte
{
    /// <summary>In the bubble's run queue.</summary>
    Runnable,

    /// <summary>Running on a thread: the baton's holder, or a thread the watchdog detached.</summary>
    Running,

    /// <summary>Parked (a goroutine whose state machine suspended; status Waiting).</summary>
    Parked,

    /// <summary>Its thread sleeps in a GoSharp operation, waiting for the loop to hand the baton back.</summary>
    Blocked,
}

/// <summary>A goroutine's membership of its bubble: what the bubble's scheduler keeps about it.</summary>
internal sealed class BubbleMember
{
    /// <summary>The goroutine's number in the bubble, in start order: the same in every run with the same seed.</summary>
    internal readonly int localId;

    internal MemberState state;

    /// <summary>The thread sleeping in a GoSharp operation on the goroutine's behalf (the goroutine runs on it).</summary>
    internal M? thread;

    /// <summary>A ready arrived while the goroutine was still on its thread, about to block it: it queues itself instead.</summary>
    internal bool readied;

    /// <summary>Counted in the bubble's non-durable count (blocked in a wait something outside could end).</summary>
    internal bool countedNonDurable;

    /// <summary>Running on a thread the watchdog has detached from the baton (also counted as non-durable).</summary>
    internal bool detached;

    /// <summary>The goroutine's user stack, recorded for a deadlock report by its blocked thread.</summary>
    internal string? stack;

    internal BubbleMember(int localId)
    {
        this.localId = localId;
    }
}
