using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class AwaitTests
{
    [Fact]
    public void Ten_thousand_goroutines_awaiting_tasks_hold_no_threads()
    {
        using var _ = MaxProcs.Set(2);
        const int n = 10_000;
        var sources = Enumerable.Range(0, n).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        long sum = 0;
        int parked = 0;
        Task run = Go.RunAsync(async () =>
        {
            for (int i = 0; i < n; i++)
            {
                var source = sources[i];
                Go.go(async () =>
                {
                    Interlocked.Increment(ref parked);
                    int v = await Go.AwaitAsync(source.Task);
                    Interlocked.Add(ref sum, v);
                });
            }

            while (Volatile.Read(ref sum) < (long)n * (n + 1) / 2)
            {
                await Go.AwaitAsync(Task.Delay(1));
            }
        });

        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref parked) == n));
        Thread.Sleep(100);
        SchedulerStats stats = Go.ReadSchedulerStats();
        Assert.True(stats.Goroutines >= n, $"{stats.Goroutines} goroutines");
        int busyThreads = stats.Threads - stats.IdleThreads; // earlier tests may have left idle threads
        Assert.True(busyThreads <= 4, $"{busyThreads} busy scheduler threads for {n} awaiting goroutines");

        for (int i = 0; i < n; i++)
        {
            sources[i].SetResult(i + 1);
        }

        Assert.True(run.Wait(Deadline.Scenario));
        Assert.Equal((long)n * (n + 1) / 2, sum);
    }

    [Fact]
    public void Await_from_a_plain_thread_blocks_and_returns_the_result()
    {
        Assert.Equal(7, Go.Await(Task.Run(async () =>
        {
            await Task.Delay(10);
            return 7;
        })));
        var failed = Task.FromException(new TimeoutException("late"));
        Assert.Throws<TimeoutException>(() => Go.Await(failed));
    }

    [Fact]
    public void Await_in_a_delegate_goroutine_lets_others_run_on_one_P()
    {
        using var _ = MaxProcs.Set(1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int ran = 0;
        Deadline.Run(() => Go.Run(() =>
        {
            Go.go(() => Interlocked.Increment(ref ran));
            Go.go(() => Interlocked.Increment(ref ran));
            Go.go(() => gate.SetResult());
            Go.Await(gate.Task); // blocks this delegate goroutine's thread; the P is handed off
        }));

        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref ran) == 2));
    }
}
