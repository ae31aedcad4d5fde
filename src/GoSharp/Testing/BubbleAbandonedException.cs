namespace GoSharp.Testing;

/// <summary>
/// Unwinds a goroutine whose thread was blocked in a SyncTest bubble that has failed: its blocking
/// call throws this so that the thread runs the goroutine's <c>finally</c> blocks and is freed.
/// The bubble has already reported its failure, so the runtime does not report this as a panic.
/// </summary>
internal sealed class BubbleAbandonedException : Exception
{
    internal BubbleAbandonedException(long bubble)
        : base($"SyncTest bubble {bubble} has failed; its goroutines are abandoned.")
    {
    }
}
