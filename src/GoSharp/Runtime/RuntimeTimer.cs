namespace GoSharp.Runtime;

/// <summary>
/// A timer in a P's heap (Go's runtime timer). Subclasses say what firing does: ready a sleeping
/// goroutine, send the time on a channel, or start a goroutine.
/// </summary>
internal abstract class RuntimeTimer
{
    /// <summary>When it fires, in <see cref="Nanotime"/> nanoseconds.</summary>
    internal long when;

    /// <summary>Re-arm interval for a ticker; 0 for a one-shot timer.</summary>
    internal long period;

    /// <summary>Position in <see cref="heap"/>; -1 when not armed.</summary>
    internal int heapIndex = -1;

    /// <summary>The heap the timer is armed in (changed under that heap's lock).</summary>
    internal volatile TimerHeap? heap;

    /// <summary>
    /// Bumped by every Stop and Reset; a firing that was already under way when the timer was
    /// stopped or reset sees a different value and does nothing (Go 1.23's no-stale-values rule).
    /// </summary>
    internal int seq;

    /// <summary>Does what the timer is for. Called without any heap lock held.</summary>
    /// <param name="seqAtExpiry">The timer's <see cref="seq"/> when it was taken off the heap.</param>
    internal abstract void Fire(int seqAtExpiry);
}
