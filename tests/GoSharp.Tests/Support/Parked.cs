using GoSharp.Runtime;

namespace GoSharp.Tests.Support;

/// <summary>
/// Tells "blocks" from "does not block" without sleep-and-hope: an operation that blocks leaves
/// its goroutine parked (or its thread waiting on its note) with a wait reason, and nothing but a
/// wake-up can change that; an operation that does not block simply returns.
/// </summary>
internal static class Parked
{
    /// <summary>
    /// Starts <paramref name="operation"/> in a goroutine and waits until the goroutine is parked
    /// in it. Returns the goroutine (so a test can release it) and fails if the operation finished.
    /// </summary>
    public static G InGoroutine(Func<GoTask> operation, Action<bool>? finished = null)
    {
        G? g = null;
        int done = 0;

        // A run of its own: if releasing the goroutine makes it throw, the run fails quietly
        // instead of the panic ending the test process.
        _ = Go.RunAsync(async () =>
        {
            Volatile.Write(ref g, Sched.CurrentG);
            await operation();
            Volatile.Write(ref done, 1);
            finished?.Invoke(true);
        });

        Assert.True(Deadline.WaitUntil(() =>
            Volatile.Read(ref done) == 1 || (Volatile.Read(ref g) is G x && Volatile.Read(ref x.status) == GStatus.Waiting)),
            "the goroutine neither parked nor finished");
        Assert.True(Volatile.Read(ref done) == 0, "the operation completed instead of blocking");
        return g!;
    }

    /// <summary>Runs <paramref name="operation"/> on a new plain thread and waits until the thread blocks in it.</summary>
    public static Thread OnThread(Action operation)
    {
        G? stand = null;
        int done = 0;
        var thread = new Thread(() =>
        {
            Volatile.Write(ref stand, ThreadG.Current);
            operation();
            Volatile.Write(ref done, 1);
        })
        { IsBackground = true };
        thread.Start();

        Assert.True(Deadline.WaitUntil(() =>
            Volatile.Read(ref done) == 1 || (Volatile.Read(ref stand) is G x && x.BlockedThread is Note note && !note.IsSignaled)),
            "the thread neither blocked nor finished");
        Assert.True(Volatile.Read(ref done) == 0, "the operation completed instead of blocking");
        return thread;
    }
}
