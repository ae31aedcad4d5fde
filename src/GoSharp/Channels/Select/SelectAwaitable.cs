using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Channels;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Awaitable of <c>Go.SelectAsync(...)</c>: the select of goroutine code, which parks the
/// goroutine rather than the thread. Unused slots have the type <see cref="SelectDefault"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct SelectAwaitable<T0, T1, T2, T3, T4, T5, T6, T7> : ICriticalNotifyCompletion, IGoAwaiter
{
    // Bytes, to keep the awaiter (which the state machine copies) small.
    private SelectCases<T0, T1, T2, T3, T4, T5, T6, T7> _cases;
    private readonly byte _count;
    private readonly sbyte _defaultIndex;
    private sbyte _chosen;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal SelectAwaitable(int count, SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6, SelectCase<T7> c7)
    {
        _cases.Init(c0, c1, c2, c3, c4, c5, c6, c7);
        _count = (byte)count;
        _defaultIndex = (sbyte)_cases.DefaultIndex();
        _chosen = -1;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly SelectAwaitable<T0, T1, T2, T3, T4, T5, T6, T7> GetAwaiter() => this;

    /// <summary>Completes now if a case is ready (or there is a default case).</summary>
    public bool IsCompleted
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_chosen < 0)
            {
                _chosen = (sbyte)SelectCore.TryNow(ref _cases, _count, _defaultIndex);
            }

            return _chosen >= 0;
        }
    }

    /// <summary>The chosen case's index, and the value if it was a receive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SelectResult<T0, T1, T2, T3, T4, T5, T6, T7> GetResult()
    {
        int chosen = _chosen;
        if (chosen < 0)
        {
            chosen = SelectCore.AfterWake(ref _cases, Sched.CurrentG!);
        }

        return _cases.Result(chosen);
    }

    void IGoAwaiter.Suspend(Frame frame) => SelectCore.Park(ref _cases, _count, frame);

    /// <summary>Not supported outside goroutine code.</summary>
    public readonly void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public readonly void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
