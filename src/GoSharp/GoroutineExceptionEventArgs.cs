namespace GoSharp;

/// <summary>An exception escaped a goroutine: the payload of <see cref="Go.UnhandledException"/>.</summary>
public sealed class GoroutineExceptionEventArgs : EventArgs
{
    internal GoroutineExceptionEventArgs(long goroutineId, string entry, Exception exception)
    {
        GoroutineId = goroutineId;
        Entry = entry;
        Exception = exception;
    }

    /// <summary>The goroutine's id, as shown in goroutine dumps.</summary>
    public long GoroutineId { get; }

    /// <summary>The method the goroutine started in.</summary>
    public string Entry { get; }

    /// <summary>The exception (Go's panic value).</summary>
    public Exception Exception { get; }

    /// <summary>
    /// Set to true to recover: the goroutine's death is then ignored. Otherwise the exception
    /// fails the <c>Go.Run</c> the goroutine belongs to, or ends the process outside any run.
    /// </summary>
    public bool Handled { get; set; }
}
