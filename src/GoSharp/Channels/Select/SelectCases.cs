using System.Numerics;
using System.Runtime.CompilerServices;
using GoSharp.Channels;
using GoSharp.Runtime;

namespace GoSharp.Channels;

/// <summary>The operations the select algorithm needs on case <c>i</c>, without knowing element types.</summary>
internal interface ISelectCases
{
    bool IsLive(int i);

    long LockId(int i);

    void Lock(int i);

    void Unlock(int i);

    ChanResult TryAlone(int i, bool precheck, out Waiter? wake);

    ChanResult TryLocked(int i, out Waiter? wake);

    Waiter Enqueue(int i, G g);

    Waiter Completed(int i, G g, ChanResult result);

    void Dequeue(int i, Waiter w);

    bool Complete(int i, Waiter w);
}

/// <summary>
/// Up to eight typed cases in one struct: one implementation serves every select arity (unused
/// slots are never live), and every element type stays unboxed. The state is kept flat (a
/// channel and a value per slot, the kinds packed in one field) so that building it is a few
/// stores; each operation dispatches on the case index to <see cref="CaseData{T}"/>.
/// </summary>
internal struct SelectCases<T0, T1, T2, T3, T4, T5, T6, T7> : ISelectCases
{
    internal Chan<T0>? c0;
    internal Chan<T1>? c1;
    internal Chan<T2>? c2;
    internal Chan<T3>? c3;
    internal Chan<T4>? c4;
    internal Chan<T5>? c5;
    internal Chan<T6>? c6;
    internal Chan<T7>? c7;

    // The value to send, or (for the chosen receive case) the value received.
    internal T0 v0;
    internal T1 v1;
    internal T2 v2;
    internal T3 v3;
    internal T4 v4;
    internal T5 v5;
    internal T6 v6;
    internal T7 v7;

    /// <summary>The kind of case i in bits 2i and 2i+1.</summary>
    internal int kinds;

    /// <summary>For the chosen receive case: true if the value was sent, false if the channel was closed.</summary>
    internal bool ok;

    /// <summary>Fills the slots from the cases (unused ones are <c>default</c>, kind <see cref="SelectCaseKind.None"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Init(SelectCase<T0> s0, SelectCase<T1> s1, SelectCase<T2> s2, SelectCase<T3> s3, SelectCase<T4> s4, SelectCase<T5> s5, SelectCase<T6> s6, SelectCase<T7> s7)
    {
        c0 = s0.chan;
        c1 = s1.chan;
        c2 = s2.chan;
        c3 = s3.chan;
        c4 = s4.chan;
        c5 = s5.chan;
        c6 = s6.chan;
        c7 = s7.chan;
        v0 = s0.value;
        v1 = s1.value;
        v2 = s2.value;
        v3 = s3.value;
        v4 = s4.value;
        v5 = s5.value;
        v6 = s6.value;
        v7 = s7.value;
        kinds = (int)s0.kind | ((int)s1.kind << 2) | ((int)s2.kind << 4) | ((int)s3.kind << 6)
            | ((int)s4.kind << 8) | ((int)s5.kind << 10) | ((int)s6.kind << 12) | ((int)s7.kind << 14);
        ok = false;
    }

    /// <summary>
    /// The index of the default case, or -1; throws if there are several. Folds to a constant
    /// when inlined where the kinds are known.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly int DefaultIndex()
    {
        // Default is 0b11: bit 2i of d is set iff case i is a default case.
        int d = kinds & (kinds >> 1) & 0x5555;
        if (d == 0)
        {
            return -1;
        }

        if ((d & (d - 1)) != 0)
        {
            ThrowMultipleDefaults();
        }

        return BitOperations.TrailingZeroCount(d) >> 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly SelectCaseKind Kind(int i) => (SelectCaseKind)((kinds >> (i << 1)) & 3);

    /// <summary>What case <paramref name="chosen"/> received, for the result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly SelectResult<T0, T1, T2, T3, T4, T5, T6, T7> Result(int chosen) => new(
        chosen,
        CaseData<T0>.ResultIf(chosen == 0, Kind(0), v0, ok),
        CaseData<T1>.ResultIf(chosen == 1, Kind(1), v1, ok),
        CaseData<T2>.ResultIf(chosen == 2, Kind(2), v2, ok),
        CaseData<T3>.ResultIf(chosen == 3, Kind(3), v3, ok),
        CaseData<T4>.ResultIf(chosen == 4, Kind(4), v4, ok),
        CaseData<T5>.ResultIf(chosen == 5, Kind(5), v5, ok),
        CaseData<T6>.ResultIf(chosen == 6, Kind(6), v6, ok),
        CaseData<T7>.ResultIf(chosen == 7, Kind(7), v7, ok));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsLive(int i)
    {
        // A send or receive (kind 1 or 2) on a non-nil channel: a case that can ever be ready.
        SelectCaseKind kind = Kind(i);
        return kind is SelectCaseKind.Send or SelectCaseKind.Receive && Chan(i) is not null;
    }

    /// <summary>The channel of case i, untyped (for null and identity tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly object? Chan(int i) => i switch
    {
        0 => c0, 1 => c1, 2 => c2, 3 => c3, 4 => c4, 5 => c5, 6 => c6, _ => c7,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long LockId(int i) => i switch
    {
        0 => c0!.id, 1 => c1!.id, 2 => c2!.id, 3 => c3!.id, 4 => c4!.id, 5 => c5!.id, 6 => c6!.id, _ => c7!.id,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Lock(int i)
    {
        switch (i)
        {
            case 0: c0!.Lock(); break;
            case 1: c1!.Lock(); break;
            case 2: c2!.Lock(); break;
            case 3: c3!.Lock(); break;
            case 4: c4!.Lock(); break;
            case 5: c5!.Lock(); break;
            case 6: c6!.Lock(); break;
            default: c7!.Lock(); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Unlock(int i)
    {
        switch (i)
        {
            case 0: c0!.Unlock(); break;
            case 1: c1!.Unlock(); break;
            case 2: c2!.Unlock(); break;
            case 3: c3!.Unlock(); break;
            case 4: c4!.Unlock(); break;
            case 5: c5!.Unlock(); break;
            case 6: c6!.Unlock(); break;
            default: c7!.Unlock(); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ChanResult TryAlone(int i, bool precheck, out Waiter? wake) => i switch
    {
        0 => CaseData<T0>.TryAlone(c0, Kind(0), ref v0, ref ok, precheck, out wake),
        1 => CaseData<T1>.TryAlone(c1, Kind(1), ref v1, ref ok, precheck, out wake),
        2 => CaseData<T2>.TryAlone(c2, Kind(2), ref v2, ref ok, precheck, out wake),
        3 => CaseData<T3>.TryAlone(c3, Kind(3), ref v3, ref ok, precheck, out wake),
        4 => CaseData<T4>.TryAlone(c4, Kind(4), ref v4, ref ok, precheck, out wake),
        5 => CaseData<T5>.TryAlone(c5, Kind(5), ref v5, ref ok, precheck, out wake),
        6 => CaseData<T6>.TryAlone(c6, Kind(6), ref v6, ref ok, precheck, out wake),
        _ => CaseData<T7>.TryAlone(c7, Kind(7), ref v7, ref ok, precheck, out wake),
    };

    public ChanResult TryLocked(int i, out Waiter? wake) => i switch
    {
        0 => CaseData<T0>.TryLocked(c0!, Kind(0), ref v0, ref ok, out wake),
        1 => CaseData<T1>.TryLocked(c1!, Kind(1), ref v1, ref ok, out wake),
        2 => CaseData<T2>.TryLocked(c2!, Kind(2), ref v2, ref ok, out wake),
        3 => CaseData<T3>.TryLocked(c3!, Kind(3), ref v3, ref ok, out wake),
        4 => CaseData<T4>.TryLocked(c4!, Kind(4), ref v4, ref ok, out wake),
        5 => CaseData<T5>.TryLocked(c5!, Kind(5), ref v5, ref ok, out wake),
        6 => CaseData<T6>.TryLocked(c6!, Kind(6), ref v6, ref ok, out wake),
        _ => CaseData<T7>.TryLocked(c7!, Kind(7), ref v7, ref ok, out wake),
    };

    public readonly Waiter Enqueue(int i, G g) => i switch
    {
        0 => CaseData<T0>.Enqueue(c0!, Kind(0), v0, g, i),
        1 => CaseData<T1>.Enqueue(c1!, Kind(1), v1, g, i),
        2 => CaseData<T2>.Enqueue(c2!, Kind(2), v2, g, i),
        3 => CaseData<T3>.Enqueue(c3!, Kind(3), v3, g, i),
        4 => CaseData<T4>.Enqueue(c4!, Kind(4), v4, g, i),
        5 => CaseData<T5>.Enqueue(c5!, Kind(5), v5, g, i),
        6 => CaseData<T6>.Enqueue(c6!, Kind(6), v6, g, i),
        _ => CaseData<T7>.Enqueue(c7!, Kind(7), v7, g, i),
    };

    public readonly Waiter Completed(int i, G g, ChanResult result) => i switch
    {
        0 => CaseData<T0>.Completed(Kind(0), v0, ok, g, i, result),
        1 => CaseData<T1>.Completed(Kind(1), v1, ok, g, i, result),
        2 => CaseData<T2>.Completed(Kind(2), v2, ok, g, i, result),
        3 => CaseData<T3>.Completed(Kind(3), v3, ok, g, i, result),
        4 => CaseData<T4>.Completed(Kind(4), v4, ok, g, i, result),
        5 => CaseData<T5>.Completed(Kind(5), v5, ok, g, i, result),
        6 => CaseData<T6>.Completed(Kind(6), v6, ok, g, i, result),
        _ => CaseData<T7>.Completed(Kind(7), v7, ok, g, i, result),
    };

    public readonly void Dequeue(int i, Waiter w)
    {
        switch (i)
        {
            case 0: CaseData<T0>.Dequeue(c0!, Kind(0), w); break;
            case 1: CaseData<T1>.Dequeue(c1!, Kind(1), w); break;
            case 2: CaseData<T2>.Dequeue(c2!, Kind(2), w); break;
            case 3: CaseData<T3>.Dequeue(c3!, Kind(3), w); break;
            case 4: CaseData<T4>.Dequeue(c4!, Kind(4), w); break;
            case 5: CaseData<T5>.Dequeue(c5!, Kind(5), w); break;
            case 6: CaseData<T6>.Dequeue(c6!, Kind(6), w); break;
            default: CaseData<T7>.Dequeue(c7!, Kind(7), w); break;
        }
    }

    public bool Complete(int i, Waiter w) => i switch
    {
        0 => CaseData<T0>.Complete(Kind(0), ref v0, ref ok, w),
        1 => CaseData<T1>.Complete(Kind(1), ref v1, ref ok, w),
        2 => CaseData<T2>.Complete(Kind(2), ref v2, ref ok, w),
        3 => CaseData<T3>.Complete(Kind(3), ref v3, ref ok, w),
        4 => CaseData<T4>.Complete(Kind(4), ref v4, ref ok, w),
        5 => CaseData<T5>.Complete(Kind(5), ref v5, ref ok, w),
        6 => CaseData<T6>.Complete(Kind(6), ref v6, ref ok, w),
        _ => CaseData<T7>.Complete(Kind(7), ref v7, ref ok, w),
    };

    private static void ThrowMultipleDefaults() => throw new ArgumentException("select: multiple defaults");
}
