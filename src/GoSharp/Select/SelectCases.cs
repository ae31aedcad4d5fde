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

    ChanResult TryLocked(int i, out Waiter? wake);

    Waiter Enqueue(int i, G g);

    Waiter Completed(int i, G g, ChanResult result);

    void Dequeue(int i, Waiter w);

    bool Complete(int i, Waiter w);
}

/// <summary>
/// Up to eight typed cases in one struct: one implementation serves every select arity (unused
/// slots are never live), and every element type stays unboxed. Each operation dispatches on the
/// case index to the slot's <see cref="CaseData{T}"/>.
/// </summary>
internal struct SelectCases<T0, T1, T2, T3, T4, T5, T6, T7> : ISelectCases
{
    internal CaseData<T0> c0;
    internal CaseData<T1> c1;
    internal CaseData<T2> c2;
    internal CaseData<T3> c3;
    internal CaseData<T4> c4;
    internal CaseData<T5> c5;
    internal CaseData<T6> c6;
    internal CaseData<T7> c7;

    public readonly bool IsLive(int i) => i switch
    {
        0 => c0.IsLive, 1 => c1.IsLive, 2 => c2.IsLive, 3 => c3.IsLive,
        4 => c4.IsLive, 5 => c5.IsLive, 6 => c6.IsLive, _ => c7.IsLive,
    };

    public readonly long LockId(int i) => i switch
    {
        0 => c0.LockId, 1 => c1.LockId, 2 => c2.LockId, 3 => c3.LockId,
        4 => c4.LockId, 5 => c5.LockId, 6 => c6.LockId, _ => c7.LockId,
    };

    public readonly void Lock(int i)
    {
        switch (i)
        {
            case 0: c0.Lock(); break;
            case 1: c1.Lock(); break;
            case 2: c2.Lock(); break;
            case 3: c3.Lock(); break;
            case 4: c4.Lock(); break;
            case 5: c5.Lock(); break;
            case 6: c6.Lock(); break;
            default: c7.Lock(); break;
        }
    }

    public readonly void Unlock(int i)
    {
        switch (i)
        {
            case 0: c0.Unlock(); break;
            case 1: c1.Unlock(); break;
            case 2: c2.Unlock(); break;
            case 3: c3.Unlock(); break;
            case 4: c4.Unlock(); break;
            case 5: c5.Unlock(); break;
            case 6: c6.Unlock(); break;
            default: c7.Unlock(); break;
        }
    }

    public ChanResult TryLocked(int i, out Waiter? wake) => i switch
    {
        0 => c0.TryLocked(out wake), 1 => c1.TryLocked(out wake), 2 => c2.TryLocked(out wake), 3 => c3.TryLocked(out wake),
        4 => c4.TryLocked(out wake), 5 => c5.TryLocked(out wake), 6 => c6.TryLocked(out wake), _ => c7.TryLocked(out wake),
    };

    public readonly Waiter Enqueue(int i, G g) => i switch
    {
        0 => c0.Enqueue(g, i), 1 => c1.Enqueue(g, i), 2 => c2.Enqueue(g, i), 3 => c3.Enqueue(g, i),
        4 => c4.Enqueue(g, i), 5 => c5.Enqueue(g, i), 6 => c6.Enqueue(g, i), _ => c7.Enqueue(g, i),
    };

    public readonly Waiter Completed(int i, G g, ChanResult result) => i switch
    {
        0 => c0.Completed(g, i, result), 1 => c1.Completed(g, i, result), 2 => c2.Completed(g, i, result), 3 => c3.Completed(g, i, result),
        4 => c4.Completed(g, i, result), 5 => c5.Completed(g, i, result), 6 => c6.Completed(g, i, result), _ => c7.Completed(g, i, result),
    };

    public readonly void Dequeue(int i, Waiter w)
    {
        switch (i)
        {
            case 0: c0.Dequeue(w); break;
            case 1: c1.Dequeue(w); break;
            case 2: c2.Dequeue(w); break;
            case 3: c3.Dequeue(w); break;
            case 4: c4.Dequeue(w); break;
            case 5: c5.Dequeue(w); break;
            case 6: c6.Dequeue(w); break;
            default: c7.Dequeue(w); break;
        }
    }

    public bool Complete(int i, Waiter w) => i switch
    {
        0 => c0.Complete(w), 1 => c1.Complete(w), 2 => c2.Complete(w), 3 => c3.Complete(w),
        4 => c4.Complete(w), 5 => c5.Complete(w), 6 => c6.Complete(w), _ => c7.Complete(w),
    };
}
