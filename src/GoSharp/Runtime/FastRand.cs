using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// The runtime's one random source (Go's cheaprand): a per-thread xorshift generator, cheap and
/// unsynchronised, for the order in which an M looks at victims to steal from and the order in
/// which a select polls its cases. Per thread rather than per M because plain threads select too.
/// Its state is never read off the thread that owns it, so a bubble can seed it without a cost
/// on any other thread (see <see cref="SetState"/>).
/// </summary>
internal static class FastRand
{
    /// <summary>Indices 0..7, one per 4-bit nibble: the identity permutation.</summary>
    private const uint Identity = 0x76543210;

    /// <summary>The calling thread's state; 0 until first used.</summary>
    [ThreadStatic]
    private static uint t_state;

    /// <summary>32 random bits: one thread-static access.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Next()
    {
        uint x = t_state;
        if (x == 0)
        {
            x = Seed();
        }

        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        t_state = x;
        return x;
    }

    /// <summary>A value in [0, n) (Lemire's multiply-shift reduction; n must be positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Next(int n) => (int)(((ulong)Next() * (uint)n) >> 32);

    /// <summary>
    /// A uniformly random permutation of [0, <paramref name="count"/>), count at most 8, packed
    /// one index per 4-bit nibble: nibble k is the k-th element (a Fisher-Yates shuffle).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Permutation(int count)
    {
        uint r = Next();
        uint left = Identity; // the indices not drawn yet, in nibbles [0, n)
        uint order = 0;
        for (int n = count; n > 0; n--)
        {
            // j uniform in [0, n): the high half of r * n; the low half feeds the next draw
            // (8! < 2^16, so the 32 random bits cover every draw with negligible bias).
            ulong m = (ulong)r * (uint)n;
            r = (uint)m;
            int at = (int)(m >> 32) << 2;
            int last = (n - 1) << 2;
            order |= ((left >> at) & 0xF) << ((count - n) << 2);
            left = (left & ~(0xFu << at)) | (((left >> last) & 0xF) << at);
        }

        return order;
    }

    /// <summary>
    /// Sets the calling thread's state (nonzero). A SyncTest bubble does this on each of its
    /// threads whenever it hands it the right to run the bubble, so that select's choices and
    /// everything else drawn here follow the bubble's seed.
    /// </summary>
    internal static void SetState(uint state) => t_state = state | 1;

    private static uint Seed() => (uint)Random.Shared.Next() | 1;
}
