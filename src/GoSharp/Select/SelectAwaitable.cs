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
    private SelectCases<T0, T1, T2, T3, T4, T5, T6, T7> _cases;
    private readonly int _count;
    private readonly int _defaultIndex;
    private int _chosen;

    internal SelectAwaitable(SelectCases<T0, T1, T2, T3, T4, T5, T6, T7> cases, int count, int defaultIndex)
    {
        _cases = cases;
        _count = count;
        _defaultIndex = defaultIndex;
        _chosen = -1;
    }

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public readonly SelectAwaitable<T0, T1, T2, T3, T4, T5, T6, T7> GetAwaiter() => this;

    /// <summary>Completes now if a case is ready (or there is a default case).</summary>
    public bool IsCompleted
    {
        get
        {
            if (_chosen < 0)
            {
                Span<int> poll = stackalloc int[SelectCore.MaxCases];
                Span<int> lockOrder = stackalloc int[SelectCore.MaxCases];
                int n = SelectCore.Order(ref _cases, _count, poll, lockOrder);
                _chosen = SelectCore.TryNow(ref _cases, poll[..n], lockOrder[..n], _defaultIndex);
            }

            return _chosen >= 0;
        }
    }

    /// <summary>The chosen case's index, and the value if it was a receive.</summary>
    public SelectResult<T0, T1, T2, T3, T4, T5, T6, T7> GetResult()
    {
        int chosen = _chosen;
        if (chosen < 0)
        {
            Span<int> poll = stackalloc int[SelectCore.MaxCases];
            Span<int> lockOrder = stackalloc int[SelectCore.MaxCases];
            int n = SelectCore.Order(ref _cases, _count, poll, lockOrder);
            chosen = SelectCore.AfterWake(ref _cases, lockOrder[..n], Sched.CurrentG!);
        }

        return new SelectResult<T0, T1, T2, T3, T4, T5, T6, T7>(
            chosen,
            _cases.c0.ResultIf(chosen == 0),
            _cases.c1.ResultIf(chosen == 1),
            _cases.c2.ResultIf(chosen == 2),
            _cases.c3.ResultIf(chosen == 3),
            _cases.c4.ResultIf(chosen == 4),
            _cases.c5.ResultIf(chosen == 5),
            _cases.c6.ResultIf(chosen == 6),
            _cases.c7.ResultIf(chosen == 7));
    }

    void IGoAwaiter.Suspend(Frame frame)
    {
        Span<int> poll = stackalloc int[SelectCore.MaxCases];
        Span<int> lockOrder = stackalloc int[SelectCore.MaxCases];
        int n = SelectCore.Order(ref _cases, _count, poll, lockOrder);
        poll = poll[..n];
        lockOrder = lockOrder[..n];
        if (n == 0)
        {
            Sched.BeginPark(frame, WaitReason.SelectNoCases); // nothing can ever wake it
            return;
        }

        G g = Sched.BeginPark(frame, WaitReason.Select);
        SelectCore.LockAll(ref _cases, lockOrder);
        int chosen = SelectCore.Poll(ref _cases, poll, out ChanResult result, out Waiter? wake);
        if (chosen >= 0)
        {
            // A case became ready after the fast path: resume at once, as if woken by it.
            SelectCore.UnlockAll(ref _cases, lockOrder);
            Waiter.Wake(wake);
            Waiter w = _cases.Completed(chosen, g, result);
            g.waiting = w;
            g.param = w;
            Sched.CancelPark(g);
            return;
        }

        SelectCore.EnqueueAll(ref _cases, lockOrder, g);
        SelectCore.UnlockAll(ref _cases, lockOrder);
    }

    /// <summary>Not supported outside goroutine code.</summary>
    public readonly void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

    /// <summary>Not supported outside goroutine code.</summary>
    public readonly void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
}
