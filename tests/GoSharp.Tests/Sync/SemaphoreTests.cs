using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class SemaphoreTests
{
    private sealed class Holdings
    {
        private long _held;
        private long _max;

        public long Max => Interlocked.Read(ref _max);

        public void Add(long n)
        {
            long now = Interlocked.Add(ref _held, n);
            long max;
            while (now > (max = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }
        }

        public void Remove(long n) => Interlocked.Add(ref _held, -n);
    }

    [Fact]
    public void Never_more_than_size_is_held_by_8_contending_goroutines_and_threads()
    {
        using var _ = MaxProcs.Set(2);
        const long size = 4;
        var sem = new Semaphore(size);
        var held = new Holdings();
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int g = 0; g < 8; g++)
            {
                long weight = g % 3 + 1;
                wg.Go(async () =>
                {
                    for (int i = 0; i < 2_000; i++)
                    {
                        if (i % 2 == 0)
                        {
                            await sem.AcquireAsync(weight);
                        }
                        else
                        {
                            Assert.Null(await sem.AcquireAsync(GoSharp.Context.Background, weight));
                        }

                        held.Add(weight);
                        if (i % 16 == 0)
                        {
                            await Go.GoschedAsync(); // park while holding now and then
                        }

                        held.Remove(weight);
                        sem.Release(weight);
                    }
                });
            }

            // Plain threads contend with the blocking forms (created here, they are reachable from threads).
            var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
            {
                long weight = t + 2;
                for (int i = 0; i < 2_000; i++)
                {
                    if (i % 2 == 0)
                    {
                        sem.Acquire(weight);
                    }
                    else
                    {
                        Assert.Null(sem.Acquire(GoSharp.Context.Background, weight));
                    }

                    held.Add(weight);
                    held.Remove(weight);
                    sem.Release(weight);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            await wg.WaitAsync();
            threads.ForEach(t => Assert.True(t.Join(Deadline.Scenario)));
        }));

        Assert.InRange(held.Max, 1, size);
        Assert.True(sem.TryAcquire(size), "weight leaked");
    }

    [Fact]
    public void A_large_request_at_the_head_is_not_overtaken_by_smaller_later_ones()
    {
        using var _ = MaxProcs.Set(2);
        var sem = new Semaphore(10);
        Assert.True(sem.TryAcquire(5));
        var order = new Chan<string>(3);

        Parked.InGoroutine(async () =>
        {
            await sem.AcquireAsync(10);
            await order.SendAsync("large");
        });

        // 5 units are free, yet a request for 1 must queue behind the large one.
        Assert.False(sem.TryAcquire(1));
        Parked.InGoroutine(async () =>
        {
            await sem.AcquireAsync(1);
            await order.SendAsync("small goroutine");
        });
        Thread thread = Parked.OnThread(() =>
        {
            sem.Acquire(1);
            order.Send("small thread");
        });

        sem.Release(5);
        Deadline.Run(() => Assert.Equal("large", order.Receive()));
        Assert.False(order.TryReceive(out string _)); // the small ones still wait
        sem.Release(10);
        Deadline.Run(() =>
        {
            var rest = new[] { order.Receive(), order.Receive() };
            Assert.Equal(new[] { "small goroutine", "small thread" }, rest.Order());
        });
        Assert.True(thread.Join(Deadline.Scenario));
        sem.Release(2);
        Assert.True(sem.TryAcquire(10));
    }

    [Fact]
    public void Cancelling_the_context_returns_its_error_and_holds_nothing_in_both_forms()
    {
        using var _ = MaxProcs.Set(2);
        var sem = new Semaphore(2);
        Assert.True(sem.TryAcquire(2));

        var (ctx, cancel) = GoSharp.Context.WithCancel(GoSharp.Context.Background);
        Exception? goroutineErr = null;
        Exception? threadErr = null;
        int goroutineDone = 0;
        Parked.InGoroutine(async () =>
        {
            goroutineErr = await sem.AcquireAsync(ctx, 1);
        }, _ => Volatile.Write(ref goroutineDone, 1));
        Thread thread = Parked.OnThread(() => threadErr = sem.Acquire(ctx, 2));

        cancel();
        Assert.True(thread.Join(Deadline.Scenario));
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref goroutineDone) == 1));
        Assert.Same(GoSharp.Context.Canceled, goroutineErr);
        Assert.Same(GoSharp.Context.Canceled, threadErr);

        sem.Release(2);
        Assert.True(sem.TryAcquire(2), "a cancelled acquire kept some weight");
        sem.Release(2);

        // A context already done fails even when the weight is free.
        Assert.Same(GoSharp.Context.Canceled, sem.Acquire(ctx, 1));
        Deadline.Run(() => Go.Run(async () => Assert.Same(GoSharp.Context.Canceled, await sem.AcquireAsync(ctx, 1))));
        Assert.True(sem.TryAcquire(2));
    }

    [Fact]
    public void A_timed_out_waiter_at_the_head_lets_the_ones_behind_it_through()
    {
        using var _ = MaxProcs.Set(2);
        var sem = new Semaphore(10);
        Assert.True(sem.TryAcquire(5));
        var (ctx, cancel) = GoSharp.Context.WithTimeout(GoSharp.Context.Background, TimeSpan.FromMilliseconds(50));

        Deadline.Run(() => Go.Run(async () =>
        {
            var gotSmall = new Chan<Unit>(1);
            Go.go(async () =>
            {
                await Go.SleepAsync(TimeSpan.FromMilliseconds(5));
                await sem.AcquireAsync(3); // queued behind the large request until it gives up
                await gotSmall.SendAsync(default);
            });

            Assert.Same(GoSharp.Context.DeadlineExceeded, await sem.AcquireAsync(ctx, 10));
            await gotSmall.ReceiveAsync();
        }), TimeSpan.FromSeconds(10));

        cancel();
        sem.Release(8);
        Assert.True(sem.TryAcquire(10));
    }

    [Fact]
    public void A_request_larger_than_size_waits_for_the_context_without_blocking_others()
    {
        using var _ = MaxProcs.Set(2);
        var sem = new Semaphore(3);
        Deadline.Run(() =>
        {
            var (ctx, cancel) = GoSharp.Context.WithTimeout(GoSharp.Context.Background, TimeSpan.FromMilliseconds(50));
            var task = Go.RunAsync(async () => await sem.AcquireAsync(ctx, 4));
            Assert.True(sem.TryAcquire(3)); // not queued behind the doomed request
            sem.Release(3);
            Assert.Same(GoSharp.Context.DeadlineExceeded, sem.Acquire(ctx, 4));
            Assert.True(task.Wait(Deadline.Scenario));
            Assert.Same(GoSharp.Context.DeadlineExceeded, task.Result);
            cancel();
        }, TimeSpan.FromSeconds(10));
        Assert.True(sem.TryAcquire(3));
    }

    [Fact]
    public void Releasing_more_than_held_throws_and_changes_nothing()
    {
        var sem = new Semaphore(5);
        var e = Assert.Throws<InvalidOperationException>(() => sem.Release(1));
        Assert.Equal("semaphore: released more than held", e.Message);

        Assert.True(sem.TryAcquire(2));
        Assert.Throws<InvalidOperationException>(() => sem.Release(3));
        sem.Release(2);
        Assert.True(sem.TryAcquire(5));
        Assert.False(sem.TryAcquire(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Semaphore(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sem.TryAcquire(-1));
    }

    [Fact]
    public void Cancellation_racing_with_grants_never_leaks_weight()
    {
        using var _ = MaxProcs.Set(2);
        const long size = 3;
        var sem = new Semaphore(size);
        var held = new Holdings();
        int successes = 0;
        int failures = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int g = 0; g < 8; g++)
            {
                int seed = g;
                wg.Go(async () =>
                {
                    for (int i = 0; i < 300; i++)
                    {
                        long weight = (seed + i) % 3 + 1;
                        var (ctx, cancel) = GoSharp.Context.WithCancel(GoSharp.Context.Background);
                        if ((seed + i) % 2 == 0)
                        {
                            Go.go(async () =>
                            {
                                await Go.GoschedAsync();
                                cancel(); // races with the grant
                            });
                        }

                        Exception? err = await sem.AcquireAsync(ctx, weight);
                        if (err is null)
                        {
                            held.Add(weight);
                            Interlocked.Increment(ref successes);
                            await Go.GoschedAsync();
                            held.Remove(weight);
                            sem.Release(weight);
                        }
                        else
                        {
                            Assert.Same(GoSharp.Context.Canceled, err);
                            Interlocked.Increment(ref failures);
                        }

                        cancel();
                    }
                });
            }

            await wg.WaitAsync();
        }));

        Assert.Equal(8 * 300, successes + failures);
        Assert.True(successes > 0);
        Assert.InRange(held.Max, 1, size);
        Assert.True(sem.TryAcquire(size), "weight leaked: " + sem);
    }
}
