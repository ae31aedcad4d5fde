using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class PanicTests
{
    [Fact]
    public void The_main_goroutines_exception_is_rethrown_by_Run()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Go.Run(async () =>
        {
            await Go.GoschedAsync();
            throw new InvalidOperationException("main failed");
        }));
        Assert.Equal("main failed", e.Message);
        Assert.Throws<FormatException>(() => Go.Run(() => throw new FormatException()));
    }

    [Fact]
    public void An_exception_escaping_another_goroutine_fails_its_run_with_the_goroutine_named()
    {
        var mainMayExit = new TaskCompletionSource();
        var e = Assert.Throws<GoroutinePanicException>(() => Go.Run(async () =>
        {
            Go.go(() => throw new ArgumentException("child failed"));
            await Go.AwaitAsync(mainMayExit.Task);
        }));
        mainMayExit.SetResult(); // Run is over; let its main goroutine finish too

        Assert.IsType<ArgumentException>(e.InnerException);
        Assert.Equal("child failed", e.InnerException!.Message);
        Assert.True(e.GoroutineId > 0);
        Assert.Contains("PanicTests", e.Entry);
        Assert.Contains($"goroutine {e.GoroutineId} [running]", e.ToGoReport());
    }

    [Fact]
    public void The_hook_sees_the_exception_first_and_can_recover_it()
    {
        GoroutineExceptionEventArgs? seen = null;
        EventHandler<GoroutineExceptionEventArgs> hook = (_, args) =>
        {
            seen = args;
            args.Handled = true;
        };
        Go.UnhandledException += hook;
        try
        {
            int after = 0;
            Go.Run(async () =>
            {
                var failed = new TaskCompletionSource();
                Go.go(async () =>
                {
                    await Go.GoschedAsync();
                    failed.SetResult();
                    throw new DivideByZeroException();
                });
                await Go.AwaitAsync(failed.Task);
                await Go.AwaitAsync(Task.Delay(50));
                after = 1;
            });

            Assert.Equal(1, after);
            Assert.NotNull(seen);
            Assert.IsType<DivideByZeroException>(seen!.Exception);
        }
        finally
        {
            Go.UnhandledException -= hook;
        }
    }

    [Fact]
    public async Task RunAsync_faults_its_task_with_the_main_goroutines_exception()
    {
        Task run = Go.RunAsync(async () =>
        {
            await Go.GoschedAsync();
            throw new KeyNotFoundException();
        });
        await Assert.ThrowsAsync<KeyNotFoundException>(() => run);
    }
}
