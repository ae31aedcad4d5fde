using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// The run of a bubble's root goroutine: every goroutine of the bubble inherits it. The root
/// returning does not end the bubble (its other goroutines may still run), but the root's
/// exception, or any goroutine's panic, fails it.
/// </summary>
internal sealed class BubbleRun<T> : RunContext
{
    internal BubbleRun(Bubble bubble)
        : base(bubble)
    {
    }

    /// <summary>The root goroutine's result.</summary>
    internal T Result { get; private set; } = default!;

    protected override void CaptureResult(G main) => Result = main.GetResult<T>();

    protected override void Complete()
    {
        if (failure is null)
        {
            bubble!.RootExited();
        }
        else
        {
            bubble!.Fail(failure);
        }
    }
}
