using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Implemented by every GoSharp awaiter. When a goroutine's state machine suspends on one, the
/// builder hands the awaiter the frame (state-machine box) that is suspending, and the awaiter
/// parks, yields or links it: no continuation delegate, no ExecutionContext, no allocation.
/// </summary>
internal interface IGoAwaiter
{
    void Suspend(Frame frame);
}

/// <summary>Dispatches a suspension from a GoSharp builder to its awaiter.</summary>
internal static class Suspension
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Suspend<TAwaiter>(ref TAwaiter awaiter, Frame frame)
        where TAwaiter : INotifyCompletion
    {
        // For a struct awaiter the JIT folds the type test and calls Suspend without boxing.
        if (default(TAwaiter) is not null && awaiter is IGoAwaiter)
        {
            ((IGoAwaiter)awaiter).Suspend(frame);
            return;
        }

        SuspendOnForeignAwaiter(ref awaiter, frame);
    }

    /// <summary>
    /// Any other awaitable (a Task, a ValueTask...): park the goroutine and let the awaitable's
    /// completion ready it. No thread waits meanwhile (this is GoSharp's netpoller).
    /// </summary>
    private static void SuspendOnForeignAwaiter<TAwaiter>(ref TAwaiter awaiter, Frame frame)
        where TAwaiter : INotifyCompletion
    {
        G g = Sched.BeginPark(frame, WaitReason.Await);
        if (awaiter is ICriticalNotifyCompletion critical)
        {
            critical.UnsafeOnCompleted(g.ReadyAction);
        }
        else
        {
            awaiter.OnCompleted(g.ReadyAction);
        }
    }
}
