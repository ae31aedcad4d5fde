using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// The box of a suspended <c>async GoTask</c> method called from another goroutine frame: its
/// compiler-generated state machine, copied to the heap on the method's first real suspension
/// (a method that completes synchronously never gets one). Pooled per P.
/// </summary>
internal sealed class FrameBox<TStateMachine, TResult> : Frame<TResult>
    where TStateMachine : IAsyncStateMachine
{
    internal TStateMachine stateMachine = default!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static FrameBox<TStateMachine, TResult> Rent() =>
        M.Current?.p?.cache.Rent<FrameBox<TStateMachine, TResult>>() ?? new FrameBox<TStateMachine, TResult>();

    internal override string MethodName => G.MethodNameOf(typeof(TStateMachine));

    internal override void MoveNext() => stateMachine.MoveNext();

    internal override void Recycle()
    {
        stateMachine = default!;
        result = default!;
        error = null;
        parent = null;
        completed = false;
        M.Current?.p?.cache.Return(this);
    }
}
