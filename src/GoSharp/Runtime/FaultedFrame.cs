using System.Runtime.ExceptionServices;

namespace GoSharp.Runtime;

/// <summary>
/// A method that threw before its first suspension. Such a method never needed a box,
/// so the builder allocates this small completed frame to carry the exception to the awaiter
/// (exceptions are the slow path; the fast path allocates nothing).
/// </summary>
internal sealed class FaultedFrame<TResult> : Frame<TResult>
{
    internal FaultedFrame(Exception exception)
    {
        error = ExceptionDispatchInfo.Capture(exception);
        completed = true;
    }

    internal override void MoveNext() =>
        throw new InvalidOperationException("A faulted frame cannot be resumed.");
}
