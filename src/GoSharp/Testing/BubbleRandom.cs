namespace GoSharp.Testing;

/// <summary>
/// The bubble's seeded random source (SplitMix64): which runnable goroutine runs next, the order of
/// timers due at the same instant, and the seeds of its threads' <c>FastRand</c> (select's choices).
/// Used only under the bubble's lock, so a seed always yields the same sequence of choices.
/// </summary>
internal sealed class BubbleRandom
{
    private ulong _state;

    internal BubbleRandom(long seed)
    {
        _state = (ulong)seed;
    }

    internal ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    internal uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A value in [0, <paramref name="n"/>) (Lemire's multiply-shift; n must be positive).</summary>
    internal int Next(int n) => (int)(((ulong)NextUInt32() * (uint)n) >> 32);

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    internal void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
