using System.Runtime.ExceptionServices;

namespace GoSharp.Runtime;

/// <summary>
/// What happens to an exception that escapes a goroutine. It is never lost: the
/// <see cref="Go.UnhandledException"/> hook sees it first and may recover it; otherwise it fails
/// the <c>Go.Run</c> (or SyncTest bubble) the goroutine belongs to; a goroutine outside any run
/// ends the process with Go's panic report and exit code 2, as an unrecovered panic ends a Go program.
/// </summary>
internal static class Panics
{
    internal static void Report(G g, ExceptionDispatchInfo error)
    {
        Exception exception = error.SourceException;
        if (exception is GoSharp.Testing.BubbleAbandonedException)
        {
            return; // a failed bubble unwinding its goroutines on purpose; the bubble has reported its failure
        }

        var args = new GoroutineExceptionEventArgs(g.goid, g.EntryName, exception);
        try
        {
            Go.RaiseUnhandledException(args);
        }
        catch (Exception hookFailure)
        {
            exception = new AggregateException("The Go.UnhandledException hook threw.", exception, hookFailure);
            args = new GoroutineExceptionEventArgs(g.goid, g.EntryName, exception);
        }

        if (args.Handled)
        {
            return;
        }

        var panic = new GoroutinePanicException(g.goid, g.EntryName, exception);
        if (g.run is RunContext run && (run.TryFail(panic) || (run.bubble is { } bubble && bubble.Fail(panic))))
        {
            return; // a bubble outlives its root goroutine: a later panic fails the bubble
        }

        Console.Error.WriteLine(panic.ToGoReport());
        Console.Error.Flush();
        Environment.Exit(2);
    }
}
