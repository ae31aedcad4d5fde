namespace GoSharp.Runtime;

/// <summary>A per-M xorshift generator (Go's fastrand): cheap, unsynchronised, good enough for
/// randomized stealing order and select case order.</summary>
internal struct FastRand
{
    private uint _state;

    internal FastRand(int seed)
    {
        _state = (uint)seed | 1u;
    }

    internal uint Next()
    {
        uint x = _state;
        if (x == 0)
        {
            x = ((uint)Environment.CurrentManagedThreadId * 2654435761u) | 1u; // a default-initialised generator
        }

        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return x;
    }

    /// <summary>A value in [0, n) (Lemire's multiply-shift reduction; n must be positive).</summary>
    internal int Next(int n) => (int)(((ulong)Next() * (uint)n) >> 32);
}
