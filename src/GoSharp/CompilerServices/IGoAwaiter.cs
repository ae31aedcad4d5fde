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
