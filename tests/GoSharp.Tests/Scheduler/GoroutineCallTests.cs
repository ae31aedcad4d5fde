using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class GoroutineCallTests
{
    private static async GoTask<int> Depth(int n, Func<GoTask> atBottom)
    {
        await GoroutineEntry.Call;
        if (n == 0)
        {
            await atBottom();
            return 0;
        }

        return 1 + await Depth(n - 1, atBottom);
    }

    [Fact]
    public void A_deep_call_chain_parks_at_the_bottom_and_unwinds_in_order()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int parkedAtBottom = 0;
        Task<int> run = Go.RunAsync(() => Depth(10_000, async () =>
        {
            Interlocked.Increment(ref parkedAtBottom);
            await Go.AwaitAsync(gate.Task);
        }));

        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref parkedAtBottom) == 1));
        Assert.False(run.IsCompleted);
        gate.SetResult();
        Assert.True(run.Wait(Deadline.Scenario));
        Assert.Equal(10_000, run.Result);
    }

    [Fact]
    public void Exceptions_and_finally_blocks_cross_parked_frames_as_in_synchronous_code()
    {
        var log = new List<string>();
        async GoTask Inner()
        {
            try
            {
                await Go.GoschedAsync();
                throw new InvalidOperationException("inner");
            }
            finally
            {
                log.Add("inner finally");
            }
        }

        async GoTask<string> Outer()
        {
            try
            {
                await Inner();
                return "not reached";
            }
            catch (InvalidOperationException e)
            {
                await Go.GoschedAsync();
                log.Add("caught " + e.Message);
                return "recovered";
            }
        }

        Assert.Equal("recovered", Go.Run(Outer));
        Assert.Equal(new[] { "inner finally", "caught inner" }, log);
    }

    [Fact]
    public void Run_returns_the_main_goroutines_value_in_every_form()
    {
        Assert.Equal(3, Go.Run(() => 1 + 2));
        Assert.Equal(4, Go.RunAsync(() => 2 + 2).Result);
        Assert.Equal("ab", Go.Run(async () =>
        {
            await Go.GoschedAsync();
            return "a" + "b";
        }));
        Assert.Equal(0, Depth(0, () => GoTask.CompletedTask).GetAwaiter().GetResult());
    }

    private static async GoTask YieldOnce() => await Go.GoschedAsync();

    [Fact]
    public void A_gotask_that_is_not_awaited_immediately_is_reported()
    {
        var e = Assert.ThrowsAny<Exception>(() => Go.Run(async () =>
        {
            GoTask first = YieldOnce();
            await Go.GoschedAsync();
            await first;
        }));
        Assert.Contains("awaited immediately", e.Message);
    }
}
