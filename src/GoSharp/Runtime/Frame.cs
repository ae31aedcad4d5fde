using System.Runtime.ExceptionServices;

namespace GoSharp.Runtime;

/// <summary>
/// One resumable activation on a goroutine's stack.
/// </summary>
/// <remarks>
/// A goroutine in Go owns a growable stack of frames. A GoSharp goroutine owns a chain of
/// <see cref="Frame"/>s instead: each suspended <c>async GoTask</c> method is boxed into a frame
/// (see <c>FrameBox</c>), and each frame points at the frame that called it (<see cref="parent"/>).
/// The goroutine itself (<see cref="G"/>) is the bottom frame of the chain, so a goroutine that
/// never calls another goroutine function costs exactly one object.
///
/// Frames are resumed only by the scheduler loop (<see cref="Sched.Execute"/>): a frame that
/// completes hands control back to its parent through the loop (a trampoline), so stacks stay
/// shallow however deep the goroutine's call chain is. Why state machines and not stacks:
/// docs/design.md.
/// </remarks>
internal abstract class Frame
{
    /// <summary>The frame awaiting this one; null for a goroutine's bottom frame.</summary>
    internal Frame? parent;

    /// <summary>Set when the frame's method threw; rethrown in the awaiting frame.</summary>
    internal ExceptionDispatchInfo? error;

    /// <summary>True once the method has returned or thrown.</summary>
    internal bool completed;

    /// <summary>The frame's method, for goroutine dumps.</summary>
    internal virtual string MethodName => GetType().Name;

    /// <summary>Runs the frame's method until it suspends or completes.</summary>
    internal abstract void MoveNext();

    /// <summary>
    /// The frame's method returned or threw (see <see cref="error"/>): resume the awaiting frame.
    /// </summary>
    internal virtual void Return()
    {
        completed = true;
        Sched.FrameReturned(this);
    }

    /// <summary>Returns a completed frame to its pool after its result has been read.</summary>
    internal virtual void Recycle()
    {
    }
}

/// <summary>A frame whose method returns a value.</summary>
internal abstract class Frame<TResult> : Frame
{
    internal TResult result = default!;
}
