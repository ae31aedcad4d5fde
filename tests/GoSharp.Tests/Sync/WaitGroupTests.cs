using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class WaitGroupTests
{
    [Fact]
    public void Wait_returns_once_every_goroutine_has_called_Done_in_both_forms()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            int finished = 0;
            for (int i = 0; i < 10_000; i++)
            {
                wg.Add(1);
                Go.go(async () =>
                {
                    await Go.GoschedAsync();
                    Interlocked.Increment(ref finished);
                    wg.Done();
                });
            }

            // A plain thread waits on the same group while the main goroutine parks on it.
            int threadSaw = -1;
            var thread = new Thread(() =>
            {
                wg.Wait();
                Volatile.Write(ref threadSaw, Volatile.Read(ref finished));
            });
            thread.Start();

            await wg.WaitAsync();
            Assert.Equal(10_000, Volatile.Read(ref finished));
            Assert.True(thread.Join(Deadline.Scenario));
            Assert.Equal(10_000, threadSaw);
        }));
    }

    [Fact]
    public void A_group_is_reusable_once_Wait_has_returned()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int round = 1; round <= 200; round++)
            {
                int n = 0;
                for (int i = 0; i < round % 7 + 1; i++)
                {
                    wg.Go(async () =>
                    {
                        await Go.GoschedAsync();
                        Interlocked.Increment(ref n);
                    });
                }

                await wg.WaitAsync();
                Assert.Equal(round % 7 + 1, Volatile.Read(ref n));
            }
        }));
    }

    [Fact]
    public void A_negative_counter_throws_and_leaves_the_group_usable()
    {
        var wg = new WaitGroup();
        var e = Assert.Throws<InvalidOperationException>(() => wg.Done());
        Assert.Equal("sync: negative WaitGroup counter", e.Message);

        wg.Add(1);
        wg.Done();
        wg.Wait(); // counter is zero: returns at once
    }

    [Fact]
    public void Wait_parks_the_goroutine_and_blocks_a_thread_until_the_counter_reaches_zero()
    {
        var wg = new WaitGroup();
        wg.Add(2);
        int goroutineDone = 0;
        Parked.InGoroutine(async () => await wg.WaitAsync(), _ => Volatile.Write(ref goroutineDone, 1));
        Thread thread = Parked.OnThread(wg.Wait);

        wg.Done();
        Assert.Equal(0, Volatile.Read(ref goroutineDone));
        wg.Done();
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref goroutineDone) == 1));
        Assert.True(thread.Join(Deadline.Scenario));
    }

    [Fact]
    public void Go_runs_the_function_in_a_counted_goroutine_in_both_forms()
    {
        var wg = new WaitGroup();
        int ran = 0;
        Deadline.Run(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                wg.Go(() => Interlocked.Increment(ref ran));
                wg.Go(async () =>
                {
                    await Go.GoschedAsync();
                    Interlocked.Increment(ref ran);
                });
            }

            wg.Wait();
        });
        Assert.Equal(200, ran);
    }
}
