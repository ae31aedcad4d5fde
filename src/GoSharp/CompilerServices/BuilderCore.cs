using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>What the two builders share.</summary>
internal static class BuilderCore
{
    /// <summary>
    /// Moves the state machine to the heap on its first suspension. <paramref name="slot"/> is the
    /// builder's own frame field, which lives inside <paramref name="stateMachine"/>: it is set
    /// before the copy so that the boxed copy knows its box.
    /// </summary>
    internal static Frame Box<TAwaiter, TStateMachine, TResult>(ref TAwaiter awaiter, ref TStateMachine stateMachine, ref Frame? slot)
        where TStateMachine : IAsyncStateMachine
    {
        // A constant per instantiation: only the twin's first await (on its entry) reads the flag.
        // One twin serves calls and spawns, so the spawn is a value, not a type (docs/architecture.md).
        if (typeof(TAwaiter) == typeof(GoroutineEntry.Awaiter) && Unsafe.As<TAwaiter, GoroutineEntry.Awaiter>(ref awaiter).IsSpawn)
        {
            var root = RootBox<TStateMachine, TResult>.Rent();
            slot = root;
            root.stateMachine = stateMachine;
            return root;
        }

        var box = FrameBox<TStateMachine, TResult>.Rent();
        slot = box;
        box.stateMachine = stateMachine;
        return box;
    }

    internal static void SetException<TResult>(ref Frame? slot, Exception exception)
    {
        if (slot is Frame frame)
        {
            frame.error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
            frame.Return();
        }
        else
        {
            slot = new FaultedFrame<TResult>(exception);
        }
    }
}
