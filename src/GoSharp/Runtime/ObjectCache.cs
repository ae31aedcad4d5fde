using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// Per-P pools of reusable runtime objects (state-machine boxes, goroutines, waiter nodes):
/// Go's per-P gFree and sudog caches.
/// </summary>
/// <remarks>
/// Each pooled type gets a small integer slot (<see cref="CacheSlot{T}"/>) and each P an array
/// of small stacks indexed by it, so renting is a thread-static read, two array reads and a
/// decrement: no locks, no interlocked operations, no sharing between cores. A P-less thread
/// (a plain thread, or an M between Ps) simply allocates and drops.
/// </remarks>
internal sealed class ObjectCache
{
    /// <summary>Objects kept per type per P; beyond it, returned objects are left to the GC.</summary>
    internal const int Capacity = 128;

    private Stack?[] _stacks = new Stack?[16];

    /// <summary>Takes a cached object of type <typeparamref name="T"/>, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T? Rent<T>() where T : class
    {
        int slot = CacheSlot<T>.Index;
        Stack?[] stacks = _stacks;
        if ((uint)slot < (uint)stacks.Length && stacks[slot] is { count: > 0 } stack)
        {
            int n = --stack.count;
            object item = stack.items[n]!;
            stack.items[n] = null;
            return Unsafe.As<T>(item);
        }

        return null;
    }

    /// <summary>Keeps <paramref name="item"/> for reuse if there is room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Return<T>(T item) where T : class
    {
        int slot = CacheSlot<T>.Index;
        Stack?[] stacks = _stacks;
        if ((uint)slot < (uint)stacks.Length && stacks[slot] is { } stack)
        {
            if (stack.count < Capacity)
            {
                stack.items[stack.count++] = item;
            }

            return;
        }

        AddStack(slot).items[0] = item;
        _stacks[slot]!.count = 1;
    }

    private Stack AddStack(int slot)
    {
        if (slot >= _stacks.Length)
        {
            Array.Resize(ref _stacks, Math.Max(slot + 1, _stacks.Length * 2));
        }

        return _stacks[slot] = new Stack();
    }

    private sealed class Stack
    {
        internal readonly object?[] items = new object?[Capacity];
        internal int count;
    }
}

/// <summary>Assigns each pooled type its index in <see cref="ObjectCache"/>.</summary>
internal static class CacheSlot
{
    private static int s_next = -1;

    internal static int Allocate() => Interlocked.Increment(ref s_next);
}

/// <summary>The cache index of <typeparamref name="T"/>.</summary>
internal static class CacheSlot<T>
{
    internal static readonly int Index = CacheSlot.Allocate();
}
