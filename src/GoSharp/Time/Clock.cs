using GoSharp.Runtime;
using GoSharp.Testing;

namespace GoSharp.Time;

/// <summary>
/// The time as GoSharp's own code reads it (deadlines, the mutex's starvation clock): real time,
/// or inside a SyncTest bubble the bubble's fake clock. Not for hot paths: one thread-static read.
/// </summary>
internal static class Clock
{
    /// <summary>The current time (UTC).</summary>
    internal static DateTime UtcNow() => Bubble.Current?.UtcNow ?? DateTime.UtcNow;

    /// <summary>A monotonic reading in nanoseconds, comparable only with other readings of the same thread's clock.</summary>
    internal static long Nanotime() => Bubble.Current?.NowNs ?? Runtime.Nanotime.Now();
}
