using System.Runtime.ExceptionServices;

namespace GoSharp.Runtime;

/// <summary>
/// One resumable activation on a goroutine's stack.
/// </summary>
/// <remarks>
/// A goroutine in Go owns a growable stack of frames. A GoSharp goroutine owns a chain of
/// <see cref="Frame"/>s instead: each suspended <c>async GoTask</c> method is boxed into a frame
/// (see <c>FrameBox</c>), and each frame points at the frame that called it (<see cref="NestedFrame.parent"/>).
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
    /// <summary>Set when the frame's method threw; rethrown in the awaiting frame.</summary>
    internal ExceptionDispatchInfo? error;

    /// <summary>True once the method has returned or thrown.</summary>
    internal bool completed;

    /// <summary>The frame's method, for goroutine dumps.</summary>
    internal virtual string MethodName => GetType().Name;

    /// <summary>Runs the frame's method until it suspends or completes.</summary>
    internal abstract void MoveNext();

    /// <summary>The frame's method returned or threw (see <see cref="error"/>).</summary>
    internal abstract void Return();

    /// <summary>Returns a completed frame to its pool after its result has been read.</summary>
    internal virtual void Recycle()
    {
    }
}

/// <summary>
/// A frame above a goroutine's bottom frame: it has a caller to resume. The goroutine itself
/// (the bottom frame) has none, so the link lives here and a goroutine does not pay for it.
/// </summary>
internal abstract class NestedFrame : Frame
{
    /// <summary>The frame awaiting this one (set when it first suspends, see <see cref="Sched.AwaitChild"/>).</summary>
    internal Frame? parent;

    /// <summary>Resumes the awaiting frame.</summary>
    internal override void Return()
    {
        completed = true;
        Sched.FrameReturned(this);
    }
}

/// <summary>A nested frame whose method returns a value.</summary>
internal abstract class Frame<TResult> : NestedFrame
{
    internal TResult result = default!;
}
