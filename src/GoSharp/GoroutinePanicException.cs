using System.Text;

namespace GoSharp;

/// <summary>
/// An exception escaped a goroutine other than the main one (Go's unrecovered panic). Thrown by
/// the <c>Go.Run</c> the goroutine belongs to; the original exception is the inner exception.
/// </summary>
public sealed class GoroutinePanicException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoroutinePanicException(long goroutineId, string entry, Exception panic)
        : base($"panic in goroutine {goroutineId} ({entry}): {panic.GetType().Name}: {panic.Message}", panic)
    {
        GoroutineId = goroutineId;
        Entry = entry;
    }

    /// <summary>The id of the goroutine that panicked.</summary>
    public long GoroutineId { get; }

    /// <summary>The method the goroutine started in.</summary>
    public string Entry { get; }

    /// <summary>The report Go prints for an unrecovered panic.</summary>
    public string ToGoReport()
    {
        var text = new StringBuilder();
        text.Append("panic: ").Append(InnerException!.GetType().FullName).Append(": ").AppendLine(InnerException.Message);
        text.AppendLine();
        text.Append("goroutine ").Append(GoroutineId).AppendLine(" [running]:");
        text.AppendLine(Entry);
        text.AppendLine(InnerException.StackTrace);
        text.AppendLine("exit status 2");
        return text.ToString();
    }
}
