using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// A goroutine that is its own state machine box: the bottom frame of a generated goroutine
/// twin started with <c>GoroutineEntry.Spawn</c>. Spawning such a goroutine allocates this one
/// object (or none, when the P's cache has one), as Go allocates one g.
/// </summary>
internal sealed class RootBox<TStateMachine, TResult> : G<TResult>
    where TStateMachine : IAsyncStateMachine
{
    internal TStateMachine stateMachine = default!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static RootBox<TStateMachine, TResult> Rent() =>
        M.Current?.p?.cache.Rent<RootBox<TStateMachine, TResult>>() ?? new RootBox<TStateMachine, TResult>();

    internal override string EntryName => MethodNameOf(typeof(TStateMachine));

    internal override void MoveNext() => stateMachine.MoveNext();

    internal override void Recycle()
    {
        stateMachine = default!;
        result = default!;
        M.Current?.p?.cache.Return(this);
    }
}
