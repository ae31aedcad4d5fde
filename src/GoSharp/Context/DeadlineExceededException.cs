namespace GoSharp;

/// <summary>
/// The error of a context whose deadline passed (Go's <c>context.DeadlineExceeded</c>).
/// <see cref="Context.Err"/> returns the single instance <see cref="Context.DeadlineExceeded"/>.
/// </summary>
public sealed class DeadlineExceededException : OperationCanceledException
{
    /// <summary>Creates the exception with Go's message, "context deadline exceeded".</summary>
    public DeadlineExceededException()
        : base("context deadline exceeded")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeadlineExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DeadlineExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
