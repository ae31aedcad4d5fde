using System.Diagnostics;

namespace GoSharp.Runtime;

/// <summary>The runtime's monotonic clock in nanoseconds (Go's nanotime).</summary>
internal static class Nanotime
{
    private static readonly double s_nanosPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Nanoseconds since an arbitrary fixed point; never goes backwards.</summary>
    internal static long Now() => Stopwatch.Frequency == 1_000_000_000
        ? Stopwatch.GetTimestamp()
        : (long)(Stopwatch.GetTimestamp() * s_nanosPerTick);
}
