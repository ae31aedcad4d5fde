namespace GoSharp.Runtime;

/// <summary>
/// Stands in for a goroutine when a plain thread (not a scheduler thread) blocks in a GoSharp
/// operation, so that channel and select code deals with one kind of waiter. Never scheduled:
/// readying it wakes the thread. One per thread, created on first use; not counted as a goroutine.
/// </summary>
internal sealed class ThreadG : G
{
    [ThreadStatic]
    private static ThreadG? t_current;

    private readonly string _name;

    private ThreadG()
    {
        _name = Thread.CurrentThread.Name ?? $"thread {Environment.CurrentManagedThreadId}";
        Volatile.Write(ref status, GStatus.Running);
    }

    internal static ThreadG Current => t_current ??= new ThreadG();

    internal override string EntryName => _name;

    internal override bool IsThreadBound => true;

    internal override void MoveNext() =>
        throw new InvalidOperationException("A plain thread's stand-in goroutine is never scheduled.");
}
