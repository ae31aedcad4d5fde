namespace GoSharp;

/// <summary>
/// Thrown by <see cref="Go.Run(Action)"/> when every goroutine is parked and nothing can wake one
/// (Go's "fatal error: all goroutines are asleep - deadlock!"). The message lists each goroutine
/// of the run with what it waits on. <c>SyncTest.Run</c> throws it too when its bubble deadlocks;
/// its message then starts with Go's synctest wording (<c>deadlock: all goroutines in bubble are
/// blocked</c>, or <c>deadlock: main bubble goroutine has exited but blocked goroutines remain</c>).
/// </summary>
/// <remarks>
/// The runtime reports a deadlock only when it can prove one; see docs/deadlock.md for exactly
/// when it stays silent (timers, pending Tasks, goroutines blocking their threads, and objects
/// that plain threads have created or used).
/// </remarks>
public sealed class DeadlockException : Exception
{
    /// <summary>The first line of every deadlock report, as Go prints it.</summary>
    public const string Headline = "all goroutines are asleep - deadlock!";

    /// <summary>Creates the exception with the report of the deadlocked goroutines.</summary>
    /// <param name="goroutines">A goroutine dump of the run's goroutines.</param>
    public DeadlockException(string goroutines)
        : this(Headline, goroutines)
    {
    }

    /// <summary>A deadlock report with its own first line (a SyncTest bubble's: <c>deadlock: all goroutines in bubble are blocked</c>).</summary>
    internal DeadlockException(string headline, string goroutines)
        : base(headline + Environment.NewLine + Environment.NewLine + goroutines)
    {
        Goroutines = goroutines;
    }

    /// <summary>The goroutine dump part of the message.</summary>
    public string Goroutines { get; }
}
