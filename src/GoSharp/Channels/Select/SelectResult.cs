using System.Runtime.CompilerServices;

namespace GoSharp;

/// <summary>
/// The outcome of <c>await Go.SelectAsync(...)</c>: which case was chosen (<see cref="Index"/>,
/// in argument order; a default case's index when nothing was ready) and, for a receive case,
/// what it received (<c>CaseN</c>, default for the cases not chosen).
/// </summary>
public readonly struct SelectResult<T0, T1, T2, T3, T4, T5, T6, T7>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal SelectResult(int index, Received<T0> case0, Received<T1> case1, Received<T2> case2, Received<T3> case3,
        Received<T4> case4, Received<T5> case5, Received<T6> case6, Received<T7> case7)
    {
        Index = index;
        Case0 = case0;
        Case1 = case1;
        Case2 = case2;
        Case3 = case3;
        Case4 = case4;
        Case5 = case5;
        Case6 = case6;
        Case7 = case7;
    }

    /// <summary>The index of the chosen case.</summary>
    public int Index { get; }

    /// <summary>What case 0 received, if it was chosen.</summary>
    public Received<T0> Case0 { get; }

    /// <summary>What case 1 received, if it was chosen.</summary>
    public Received<T1> Case1 { get; }

    /// <summary>What case 2 received, if it was chosen.</summary>
    public Received<T2> Case2 { get; }

    /// <summary>What case 3 received, if it was chosen.</summary>
    public Received<T3> Case3 { get; }

    /// <summary>What case 4 received, if it was chosen.</summary>
    public Received<T4> Case4 { get; }

    /// <summary>What case 5 received, if it was chosen.</summary>
    public Received<T5> Case5 { get; }

    /// <summary>What case 6 received, if it was chosen.</summary>
    public Received<T6> Case6 { get; }

    /// <summary>What case 7 received, if it was chosen.</summary>
    public Received<T7> Case7 { get; }
}
