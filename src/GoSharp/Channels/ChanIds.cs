namespace GoSharp.Channels;

/// <summary>
/// Hands out channel ids. Deliberately outside the generic <see cref="Chan{T}"/>: a static field
/// of a generic class exists once per element type, and two channels of different types with
/// the same id would make a select skip locking one of them.
/// </summary>
internal static class ChanIds
{
    private static long s_last;

    internal static long Next() => Interlocked.Increment(ref s_last);
}
