using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class OnceTests
{
    [Fact]
    public void Thousand_concurrent_callers_run_the_action_once_and_all_see_it_finished()
    {
        using var _ = MaxProcs.Set(2);
        var once = new Once();
        int runs = 0, finished = 0, sawUnfinished = 0;
        void Init()
        {
            Interlocked.Increment(ref runs);
            Thread.SpinWait(100_000); // long enough for the other callers to pile up
            Volatile.Write(ref finished, 1);
        }

        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int i = 0; i < 1_000; i++)
            {
                if (i % 100 == 0)
                {
                    wg.Go(() => // a delegate goroutine: the blocking form
                    {
                        once.Do(Init);
                        if (Volatile.Read(ref finished) == 0)
                        {
                            Interlocked.Increment(ref sawUnfinished);
                        }
                    });
                    continue;
                }

                wg.Go(async () =>
                {
                    await once.DoAsync(Init);
                    if (Volatile.Read(ref finished) == 0)
                    {
                        Interlocked.Increment(ref sawUnfinished);
                    }
                });
            }

            await wg.WaitAsync();
        }));

        Assert.Equal(1, runs);
        Assert.Equal(0, sawUnfinished);
    }

    [Fact]
    public void An_action_that_throws_still_counts_as_done()
    {
        var once = new Once();
        int runs = 0;
        Assert.Throws<InvalidOperationException>(() => once.Do(() =>
        {
            runs++;
            throw new InvalidOperationException("boom");
        }));
        once.Do(() => runs++);
        Assert.True(once.IsDone);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void A_parking_action_runs_once()
    {
        var once = new Once();
        int runs = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int i = 0; i < 100; i++)
            {
                wg.Go(async () => await once.DoAsync(async () =>
                {
                    await Go.SleepAsync(TimeSpan.FromMilliseconds(5));
                    Interlocked.Increment(ref runs);
                }));
            }

            await wg.WaitAsync();
        }));
        Assert.Equal(1, runs);
    }
}
