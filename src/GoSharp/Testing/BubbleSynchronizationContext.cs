using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// The synchronization context of a bubble's threads: an <c>await</c> in ordinary async code that
/// a bubble goroutine called resumes in a new goroutine of the bubble, so .NET code under test
/// (with <see cref="SyncTest.TimeProvider"/> for its delays) runs inside the bubble, on its clock
/// and in the order its seed decides. Code that leaves the context (<c>ConfigureAwait(false)</c>
/// after real I/O, <c>Task.Run</c>) leaves the bubble.
/// </summary>
internal sealed class BubbleSynchronizationContext : SynchronizationContext
{
    private readonly Bubble _bubble;

    internal BubbleSynchronizationContext(Bubble bubble)
    {
        _bubble = bubble;
    }

    /// <summary>
    /// Runs <paramref name="d"/> in a new goroutine of the bubble. Once the bubble has ended: on
    /// the thread pool if it succeeded (async code that outlived it goes on outside, where a use of
    /// the bubble's objects fails with a clear error); not at all if it failed, whose goroutines
    /// and continuations are abandoned alike.
    /// </summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        var continuation = new Continuation(d, state);
        if (!_bubble.TrySpawn(ActionG.Create(continuation.Run)) && !_bubble.Failed)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Run(), continuation, preferLocal: false);
        }
    }

    /// <summary>Runs <paramref name="d"/> now on a bubble thread; from outside, in a goroutine of the bubble, waiting for it.</summary>
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Bubble.Current == _bubble)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        Post(s => { try { d(s); } finally { done.Set(); } }, state);
        done.Wait();
    }

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>A posted callback, named for goroutine dumps.</summary>
    private sealed class Continuation(SendOrPostCallback callback, object? state)
    {
        internal void Run() => callback(state);
    }
}
