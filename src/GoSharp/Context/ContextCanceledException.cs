namespace GoSharp;

/// <summary>
/// The error of a context that was cancelled (Go's <c>context.Canceled</c>). <see cref="Context.Err"/>
/// returns the single instance <see cref="Context.Canceled"/>; compare with it, or test the type.
/// </summary>
public sealed class ContextCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception with Go's message, "context canceled".</summary>
    public ContextCanceledException()
        : base("context canceled")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ContextCanceledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ContextCanceledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
