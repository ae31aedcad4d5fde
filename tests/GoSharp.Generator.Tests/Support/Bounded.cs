namespace GoSharp.Generator.Tests.Support;

/// <summary>Runs test bodies with a time limit, so that a hang fails the test instead of the run.</summary>
internal static class Bounded
{
    /// <summary>Generous: these tests must pass on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Scenario = TimeSpan.FromSeconds(60);

    public static T Run<T>(Func<T> body, TimeSpan? limit = null)
    {
        var task = Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool finished = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(limit ?? Scenario);
        Assert.True(finished, "timed out after " + (limit ?? Scenario));
        return task.GetAwaiter().GetResult();
    }

    public static void Run(Action body, TimeSpan? limit = null) => Run(() =>
    {
        body();
        return 0;
    }, limit);
}
