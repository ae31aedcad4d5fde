using System.ComponentModel;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// Cooperative preemption points for goroutine code. sysmon asks a goroutine that has run for
/// 10 ms to yield; the goroutine does so at its next checkpoint.
/// </summary>
/// <remarks>
/// Two forms. <see cref="Checkpoint"/> is an awaitable for loops that also park (it suspends only
/// when asked to). <see cref="Current"/> gives a <see cref="PreemptionFlag"/> for loops with no park
/// site, which the generator runs as plain synchronous code: reading the flag on a back-edge is one
/// memory load the JIT inlines, and the loop returns to its async caller only to yield. Why
/// preemption is cooperative, and what an awaited checkpoint per iteration cost: docs/design.md.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Preemption
{
    /// <summary>A checkpoint: <c>await Preemption.Checkpoint();</c> yields only when asked to.</summary>
    public static CheckpointAwaitable Checkpoint() => default;

    /// <summary>The current goroutine's preemption flag (unset forever on a plain thread).</summary>
    public static PreemptionFlag Current => new(Sched.CurrentG ?? ThreadG.Current);
}
