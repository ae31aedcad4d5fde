namespace GoSharp;

/// <summary>
/// Thrown by <see cref="Go.Run(Action)"/> when every goroutine is parked and nothing can wake one
/// (Go's "fatal error: all goroutines are asleep - deadlock!"). The message lists each goroutine
/// of the run with what it waits on.
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
        : base(Headline + Environment.NewLine + Environment.NewLine + goroutines)
    {
        Goroutines = goroutines;
    }

    /// <summary>The goroutine dump part of the message.</summary>
    public string Goroutines { get; }
}
