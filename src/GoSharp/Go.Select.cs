using System.Runtime.CompilerServices;
using GoSharp.Channels.Select;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>Go's <c>select</c> statement.</summary>
/// <remarks>
/// <code>
/// switch (Select(jobs.OnReceive(out var job), quit.OnReceive(), Default))
/// {
///     case 0: Handle(job.Value); break;   // a case body can return, break or continue as usual
///     case 1: return;
///     case 2: Console.WriteLine("nothing ready"); break;
/// }
/// </code>
/// <c>Select</c> waits until one case can proceed, picks uniformly at random among ready cases,
/// returns the chosen case's index (in argument order) and, for a receive case, fills its
/// <see cref="Received{T}"/>. With <see cref="Default"/> it never waits. Cases on nil channels are
/// never ready; a select with no case at all blocks forever. This form blocks the thread; in a
/// <c>[Goroutine]</c> method the generator turns it into <c>SelectAsync</c>, which parks the
/// goroutine and returns the received values in a <see cref="SelectResult{T0, T1, T2, T3, T4, T5, T6, T7}"/>.
/// </remarks>
public static partial class Go
{
    /// <summary>The default case: makes the select non-blocking (Go's <c>default:</c>).</summary>
    public static SelectCase<SelectDefault> Default => SelectCase<SelectDefault>.Default();

    /// <summary>An empty select (Go's <c>select {}</c>): blocks forever.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static void Select() => ThreadWait.BlockForever(WaitReason.SelectNoCases);

    /// <summary>An empty select in goroutine code: parks the goroutine forever.</summary>
    public static SelectAwaitable<SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault> SelectAsync() =>
        new(0, default, default, default, default, default, default, default, default);

    /// <summary>Selects among 1 case; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0>(SelectCase<T0> c0) =>
        SelectBlocking<T0, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(1, c0, default, default, default, default, default, default, default);

    /// <summary>Selects among 1 case in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault> SelectAsync<T0>(SelectCase<T0> c0) =>
        SelectAwaitableOf<T0, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(1, c0, default, default, default, default, default, default, default);

    /// <summary>Selects among 2 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1>(SelectCase<T0> c0, SelectCase<T1> c1) =>
        SelectBlocking<T0, T1, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(2, c0, c1, default, default, default, default, default, default);

    /// <summary>Selects among 2 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault> SelectAsync<T0, T1>(SelectCase<T0> c0, SelectCase<T1> c1) =>
        SelectAwaitableOf<T0, T1, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(2, c0, c1, default, default, default, default, default, default);

    /// <summary>Selects among 3 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1, T2>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2) =>
        SelectBlocking<T0, T1, T2, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(3, c0, c1, c2, default, default, default, default, default);

    /// <summary>Selects among 3 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, T2, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault> SelectAsync<T0, T1, T2>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2) =>
        SelectAwaitableOf<T0, T1, T2, SelectDefault, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(3, c0, c1, c2, default, default, default, default, default);

    /// <summary>Selects among 4 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1, T2, T3>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3) =>
        SelectBlocking<T0, T1, T2, T3, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(4, c0, c1, c2, c3, default, default, default, default);

    /// <summary>Selects among 4 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, T2, T3, SelectDefault, SelectDefault, SelectDefault, SelectDefault> SelectAsync<T0, T1, T2, T3>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3) =>
        SelectAwaitableOf<T0, T1, T2, T3, SelectDefault, SelectDefault, SelectDefault, SelectDefault>(4, c0, c1, c2, c3, default, default, default, default);

    /// <summary>Selects among 5 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1, T2, T3, T4>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4) =>
        SelectBlocking<T0, T1, T2, T3, T4, SelectDefault, SelectDefault, SelectDefault>(5, c0, c1, c2, c3, c4, default, default, default);

    /// <summary>Selects among 5 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, T2, T3, T4, SelectDefault, SelectDefault, SelectDefault> SelectAsync<T0, T1, T2, T3, T4>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4) =>
        SelectAwaitableOf<T0, T1, T2, T3, T4, SelectDefault, SelectDefault, SelectDefault>(5, c0, c1, c2, c3, c4, default, default, default);

    /// <summary>Selects among 6 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1, T2, T3, T4, T5>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5) =>
        SelectBlocking<T0, T1, T2, T3, T4, T5, SelectDefault, SelectDefault>(6, c0, c1, c2, c3, c4, c5, default, default);

    /// <summary>Selects among 6 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, T2, T3, T4, T5, SelectDefault, SelectDefault> SelectAsync<T0, T1, T2, T3, T4, T5>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5) =>
        SelectAwaitableOf<T0, T1, T2, T3, T4, T5, SelectDefault, SelectDefault>(6, c0, c1, c2, c3, c4, c5, default, default);

    /// <summary>Selects among 7 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1, T2, T3, T4, T5, T6>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6) =>
        SelectBlocking<T0, T1, T2, T3, T4, T5, T6, SelectDefault>(7, c0, c1, c2, c3, c4, c5, c6, default);

    /// <summary>Selects among 7 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, T2, T3, T4, T5, T6, SelectDefault> SelectAsync<T0, T1, T2, T3, T4, T5, T6>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6) =>
        SelectAwaitableOf<T0, T1, T2, T3, T4, T5, T6, SelectDefault>(7, c0, c1, c2, c3, c4, c5, c6, default);

    /// <summary>Selects among 8 cases; returns the index of the case that proceeded.</summary>
    [AwaitableForm(nameof(SelectAsync))]
    public static int Select<T0, T1, T2, T3, T4, T5, T6, T7>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6, SelectCase<T7> c7) =>
        SelectBlocking<T0, T1, T2, T3, T4, T5, T6, T7>(8, c0, c1, c2, c3, c4, c5, c6, c7);

    /// <summary>Selects among 8 cases in goroutine code: <c>var s = await SelectAsync(...);</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectAwaitable<T0, T1, T2, T3, T4, T5, T6, T7> SelectAsync<T0, T1, T2, T3, T4, T5, T6, T7>(SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6, SelectCase<T7> c7) =>
        SelectAwaitableOf<T0, T1, T2, T3, T4, T5, T6, T7>(8, c0, c1, c2, c3, c4, c5, c6, c7);

    private static int SelectBlocking<T0, T1, T2, T3, T4, T5, T6, T7>(int count, SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6, SelectCase<T7> c7)
    {
        var cases = default(SelectCases<T0, T1, T2, T3, T4, T5, T6, T7>);
        cases.Init(c0, c1, c2, c3, c4, c5, c6, c7);
        int defaultIndex = cases.DefaultIndex();
        if (Sched.CurrentG is null)
        {
            // A plain thread selecting on these channels may send or receive on them later.
            cases.c0?.NoteUse();
            cases.c1?.NoteUse();
            cases.c2?.NoteUse();
            cases.c3?.NoteUse();
            cases.c4?.NoteUse();
            cases.c5?.NoteUse();
            cases.c6?.NoteUse();
            cases.c7?.NoteUse();
        }

        int chosen = SelectCore.Block(ref cases, count, defaultIndex);
        switch (chosen)
        {
            case 0 when c0.HasTarget:
                c0.target = CaseData<T0>.ResultIf(true, cases.Kind(0), cases.v0, cases.ok);
                break;
            case 1 when c1.HasTarget:
                c1.target = CaseData<T1>.ResultIf(true, cases.Kind(1), cases.v1, cases.ok);
                break;
            case 2 when c2.HasTarget:
                c2.target = CaseData<T2>.ResultIf(true, cases.Kind(2), cases.v2, cases.ok);
                break;
            case 3 when c3.HasTarget:
                c3.target = CaseData<T3>.ResultIf(true, cases.Kind(3), cases.v3, cases.ok);
                break;
            case 4 when c4.HasTarget:
                c4.target = CaseData<T4>.ResultIf(true, cases.Kind(4), cases.v4, cases.ok);
                break;
            case 5 when c5.HasTarget:
                c5.target = CaseData<T5>.ResultIf(true, cases.Kind(5), cases.v5, cases.ok);
                break;
            case 6 when c6.HasTarget:
                c6.target = CaseData<T6>.ResultIf(true, cases.Kind(6), cases.v6, cases.ok);
                break;
            case 7 when c7.HasTarget:
                c7.target = CaseData<T7>.ResultIf(true, cases.Kind(7), cases.v7, cases.ok);
                break;
        }

        return chosen;
    }

    // Inlined into the caller, so that the awaitable is built in place in its frame (a large
    // struct returned from a call is copied through a write barrier) and the case kinds fold.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SelectAwaitable<T0, T1, T2, T3, T4, T5, T6, T7> SelectAwaitableOf<T0, T1, T2, T3, T4, T5, T6, T7>(int count, SelectCase<T0> c0, SelectCase<T1> c1, SelectCase<T2> c2, SelectCase<T3> c3, SelectCase<T4> c4, SelectCase<T5> c5, SelectCase<T6> c6, SelectCase<T7> c7) =>
        new(count, c0, c1, c2, c3, c4, c5, c6, c7);
}
