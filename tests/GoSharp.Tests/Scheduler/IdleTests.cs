using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class IdleTests
{
    [Fact]
    public void An_idle_runtime_uses_no_cpu()
    {
        // Wake every scheduler thread, then let everything go idle.
        int done = 0;
        int goroutinesBefore = Go.NumGoroutine(); // goroutines parked forever by other tests are idle too
        Go.Run(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Go.go(() => Interlocked.Increment(ref done));
            }
        });
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref done) == 1000 && Go.NumGoroutine() <= goroutinesBefore, TimeSpan.FromSeconds(10)),
            $"{Go.NumGoroutine() - goroutinesBefore} goroutines still exist");
        Thread.Sleep(200); // spinning Ms and sysmon settle

        TimeSpan before = SchedulerCpu.Used();
        Thread.Sleep(1000);
        TimeSpan used = SchedulerCpu.Used() - before;

        // A busy-waiting thread would burn ~1000 ms here; clock ticks are 10 ms.
        Assert.True(used <= TimeSpan.FromMilliseconds(30), $"idle scheduler threads used {used.TotalMilliseconds:0} ms of CPU in 1 s");
    }
}
