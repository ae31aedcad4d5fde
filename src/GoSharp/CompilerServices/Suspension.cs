using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

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
