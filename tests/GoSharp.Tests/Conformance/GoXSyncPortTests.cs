using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// golang.org/x/sync's errgroup_test.go and semaphore_test.go, ported. A Go function that returns
/// an error is a function that throws it here; <c>sem.Acquire(ctx, n)</c> returns the error as Go does.
/// </summary>
public class GoXSyncPortTests
{
    private static void Fails(Exception? err)
    {
        if (err is not null)
        {
            throw err;
        }
    }

    /// <summary>ExampleGroup_parallel: "Google Search 2.0" with a group and its context; results in order.</summary>
    [Fact]
    public void ExampleGroup_parallel()
    {
        static async GoTask<string> FakeSearch(string kind, Context ctx, string query)
        {
            await GoschedAsync();
            return ctx.Err() is { } err ? throw err : $"{kind} result for \"{query}\"";
        }

        string[] results = Deadline.RunFor(() => Go.Run(async () =>
        {
            var (g, ctx) = ErrGroup.WithContext(Context.Background);
            string[] searches = ["web", "image", "video"];
            var found = new string[searches.Length];
            for (int i = 0; i < searches.Length; i++)
            {
                int at = i;
                await g.GoAsync(async () => found[at] = await FakeSearch(searches[at], ctx, "golang"));
            }

            Fails(await g.WaitAsync());
            return found;
        }));

        Assert.Equal(["web result for \"golang\"", "image result for \"golang\"", "video result for \"golang\""], results);
    }

    /// <summary>TestZeroGroup: a zero group's Wait returns the first error so far, and the group is reusable.</summary>
    [Fact]
    public void TestZeroGroup()
    {
        var err1 = new InvalidOperationException("errgroup_test: 1");
        var err2 = new InvalidOperationException("errgroup_test: 2");
        Exception?[][] cases = [[], [null], [err1], [err1, null], [err1, null, err2]];
        Deadline.Run(() =>
        {
            foreach (Exception?[] errs in cases)
            {
                var g = new ErrGroup();
                Exception? firstErr = null;
                foreach (Exception? err in errs)
                {
                    g.Go(() => Fails(err));
                    firstErr ??= err;
                    Assert.Same(firstErr, g.Wait());
                }
            }
        });
    }

    /// <summary>TestWithContext and TestCancelCause: Wait returns the first error and leaves the context done, with that error as cause.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TestWithContext_and_TestCancelCause(bool tryGo)
    {
        var errDoom = new InvalidOperationException("group_test: doomed");
        (Exception?[] Errs, Exception? Want)[] cases = [([], null), ([null], null), ([errDoom], errDoom), ([errDoom, null], errDoom)];
        Deadline.Run(() =>
        {
            foreach (var (errs, want) in cases)
            {
                var (g, ctx) = ErrGroup.WithContext(Context.Background);
                foreach (Exception? err in errs)
                {
                    if (tryGo)
                    {
                        Assert.True(g.TryGo(() => Fails(err)));
                    }
                    else
                    {
                        g.Go(() => Fails(err));
                    }
                }

                Assert.Same(want, g.Wait());
                Assert.True(Select(ctx.Done().OnReceive(), Default) == 0, "ctx.Done() was not closed");
                Assert.Same(want ?? Context.Canceled, ctx.Cause());
            }
        });
    }

    /// <summary>TestTryGo: TryGo succeeds exactly up to the limit, again once the group drains, and never at limit 0.</summary>
    [Fact]
    public void TestTryGo()
    {
        Deadline.Run(() =>
        {
            var g = new ErrGroup();
            const int n = 42;
            g.SetLimit(42);
            var ch = new Chan<Unit>();
            Action fn = () => ch.Send(default);
            for (int i = 0; i < n; i++)
            {
                Assert.True(g.TryGo(fn), $"TryGo should succeed but got fail at {i}-th call.");
            }

            Assert.False(g.TryGo(fn), "TryGo is expected to fail but succeeded.");
            go(() =>
            {
                for (int i = 0; i < n; i++)
                {
                    ch.Receive();
                }
            });
            Assert.Null(g.Wait());

            Assert.True(g.TryGo(fn), "TryGo should succeed after all goroutines.");
            go(() => ch.Receive());
            Assert.Null(g.Wait());

            // Switch limit.
            g.SetLimit(1);
            Assert.True(g.TryGo(fn));
            Assert.False(g.TryGo(fn));
            go(() => ch.Receive());
            Assert.Null(g.Wait());

            // Block all calls.
            g.SetLimit(0);
            for (int i = 0; i < 1 << 10; i++)
            {
                Assert.False(g.TryGo(fn), "TryGo should fail but succeeded.");
            }

            Assert.Null(g.Wait());
        });
    }

    /// <summary>TestGoLimit: with a limit of 10, never more than 10 of 1,025 functions run at once.</summary>
    [Fact]
    public void TestGoLimit()
    {
        using var _ = MaxProcs.Set(2);
        const int limit = 10;
        Exception? result = Deadline.RunFor(() => Go.Run(async () =>
        {
            var g = new ErrGroup();
            g.SetLimit(limit);
            int active = 0;
            for (int i = 0; i <= 1 << 10; i++)
            {
                await g.GoAsync(async () =>
                {
                    int n = Interlocked.Increment(ref active);
                    if (n > limit)
                    {
                        throw new InvalidOperationException($"saw {n} active goroutines; want <= {limit}");
                    }

                    await SleepAsync(TimeSpan.FromTicks(10)); // 1 µs: give the others a chance
                    Interlocked.Decrement(ref active);
                });
            }

            return await g.WaitAsync();
        }));

        Assert.Null(result);
    }

    private static async GoTask HammerWeighted(Semaphore sem, long n, int loops)
    {
        for (int i = 0; i < loops; i++)
        {
            await sem.AcquireAsync(Context.Background, n);
            await SleepAsync(TimeSpan.FromTicks(Random.Shared.Next(10_000))); // up to 1 ms
            sem.Release(n);
        }
    }

    /// <summary>TestWeighted: GOMAXPROCS goroutines each acquiring its own weight 0..n-1 of n, 10,000 times in all.</summary>
    [Fact]
    public void TestWeighted()
    {
        using var _ = MaxProcs.Set(4);
        const int n = 4, loops = 1000 / n; // Go: 10,000 / n; a tenth keeps the millisecond sleeps short
        Deadline.Run(() => Go.Run(async () =>
        {
            var sem = new Semaphore(n);
            var wg = new WaitGroup();
            for (int i = 0; i < n; i++)
            {
                long weight = i;
                wg.Go(() => HammerWeighted(sem, weight, loops));
            }

            await wg.WaitAsync();
            Assert.True(sem.TryAcquire(n)); // everything was given back
        }));
    }

    /// <summary>TestWeightedPanic: releasing what was not acquired is an error.</summary>
    [Fact]
    public void TestWeightedPanic()
    {
        var w = new Semaphore(1);
        Assert.Throws<InvalidOperationException>(() => w.Release(1));
    }

    /// <summary>TestWeightedTryAcquire.</summary>
    [Fact]
    public void TestWeightedTryAcquire()
    {
        var sem = new Semaphore(2);
        var tries = new List<bool>();
        Assert.Null(sem.Acquire(Context.Background, 1));
        tries.Add(sem.TryAcquire(1));
        tries.Add(sem.TryAcquire(1));
        sem.Release(2);
        tries.Add(sem.TryAcquire(1));
        Assert.Null(sem.Acquire(Context.Background, 1));
        tries.Add(sem.TryAcquire(1));
        Assert.Equal([true, false, true, false], tries);
    }

    /// <summary>
    /// TestWeightedAcquire: the same with Acquire under a timeout. Go's is 10 ms; a context that
    /// is already done fails even with the weight free, so on a loaded machine the time between
    /// making the context and acquiring must stay well under the timeout: 250 ms here.
    /// </summary>
    [Fact]
    public void TestWeightedAcquire()
    {
        var sem = new Semaphore(2);
        bool TryAcquire(long n)
        {
            var (ctx, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromMilliseconds(250));
            using var _ = Defer(cancel);
            return sem.Acquire(ctx, n) is null;
        }

        var tries = new List<bool>();
        Deadline.Run(() =>
        {
            sem.Acquire(Context.Background, 1);
            tries.Add(TryAcquire(1));
            tries.Add(TryAcquire(1));
            sem.Release(2);
            tries.Add(TryAcquire(1));
            sem.Acquire(Context.Background, 1);
            tries.Add(TryAcquire(1));
        });
        Assert.Equal([true, false, true, false], tries);
    }

    /// <summary>TestWeightedDoesntBlockIfTooBig: a pending request larger than the size holds nobody up.</summary>
    [Fact]
    public void TestWeightedDoesntBlockIfTooBig()
    {
        const int n = 2;
        Exception? err = Deadline.RunFor(() => Go.Run(async () =>
        {
            var sem = new Semaphore(n);
            var (tooBigCtx, cancel) = Context.WithCancel(Context.Background);
            using var _ = Defer(cancel);
            go(async () => await sem.AcquireAsync(tooBigCtx, n + 1));

            var (g, ctx) = ErrGroup.WithContext(Context.Background);
            for (int i = n * 3; i > 0; i--)
            {
                g.Go(async () =>
                {
                    Fails(await sem.AcquireAsync(ctx, 1));
                    await SleepAsync(TimeSpan.FromMilliseconds(1));
                    sem.Release(1);
                });
            }

            return await g.WaitAsync();
        }));

        Assert.Null(err);
    }

    /// <summary>TestLargeAcquireDoesntStarve: an Acquire of the whole size gets it while others keep re-acquiring parts.</summary>
    [Fact]
    public void TestLargeAcquireDoesntStarve()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Go.Run(async () =>
        {
            const long n = 2;
            var sem = new Semaphore(n);
            int running = 1;
            var wg = new WaitGroup();
            wg.Add((int)n);
            for (long i = n; i > 0; i--)
            {
                await sem.AcquireAsync(Context.Background, 1);
                go(async () =>
                {
                    while (Volatile.Read(ref running) == 1)
                    {
                        await SleepAsync(TimeSpan.FromMilliseconds(1));
                        sem.Release(1);
                        await sem.AcquireAsync(Context.Background, 1);
                    }

                    sem.Release(1);
                    wg.Done();
                });
            }

            await sem.AcquireAsync(Context.Background, n);
            Volatile.Write(ref running, 0);
            sem.Release(n);
            await wg.WaitAsync();
        }));
    }

    /// <summary>
    /// TestAllocCancelDoesntStarve: a reader queued behind a large request is served when that
    /// request gives up. Go sleeps 100 ms "to be sure the request is queued"; here TryAcquire,
    /// which fails while anyone waits, tells when it is.
    /// </summary>
    [Fact]
    public void TestAllocCancelDoesntStarve()
    {
        var sem = new Semaphore(10);
        Exception? bigRequest = null;
        Deadline.Run(() =>
        {
            sem.Acquire(Context.Background, 1); // hold one read lock

            var bigDone = new Chan<Exception?>(1);
            go(() =>
            {
                var (ctx, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromMilliseconds(300));
                using var _ = Defer(cancel);
                bigDone.Send(sem.Acquire(ctx, 10)); // a write lock request that gives up after 300 ms
            });

            Assert.True(Deadline.WaitUntil(() =>
            {
                if (!sem.TryAcquire(1))
                {
                    return true; // the large request is queued
                }

                sem.Release(1);
                return false;
            }));

            var doneCh = new Chan<Unit>();
            go(() =>
            {
                Fails(sem.Acquire(Context.Background, 1)); // queued behind the large request
                sem.Release(1);
                doneCh.Close();
            });
            doneCh.Receive();
            bigRequest = bigDone.Receive();
        });

        Assert.Same(Context.DeadlineExceeded, bigRequest);
    }

    /// <summary>
    /// The runtime bug TestAllocCancelDoesntStarve showed: a delegate goroutine arms a timer (its
    /// context's deadline) and then blocks its thread; its P is handed off, and nobody was left to
    /// watch that P's timers, so the deadline never fired. Go's handoffp wakes a thread for them.
    /// With one P the hang was certain.
    /// </summary>
    [Fact]
    public void TestAllocCancelDoesntStarve_the_timer_of_a_P_handed_off_by_a_blocked_thread_fires()
    {
        using var _ = MaxProcs.Set(1);
        for (int round = 0; round < 20; round++)
        {
            var done = new Chan<Exception?>(1);
            go(() =>
            {
                var (ctx, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromMilliseconds(5));
                using var __ = Defer(cancel);
                ctx.Done().Receive(); // blocks this thread: only the timer can end it
                done.Send(ctx.Err());
            });
            Assert.Same(Context.DeadlineExceeded, Deadline.RunFor(() => done.Receive(), TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>TestWeightedAcquireCanceled (go.dev/issue/63615): a context done before enough weight is free fails the Acquire and leaks nothing.</summary>
    [Fact]
    public void TestWeightedAcquireCanceled()
    {
        Deadline.Run(() =>
        {
            var sem = new Semaphore(2);
            var (ctx, cancel) = Context.WithCancel(Context.Background);
            sem.Acquire(Context.Background, 1);
            var ch = new Chan<Unit>();
            go(() =>
            {
                while (sem.TryAcquire(1)) // synchronize with the Acquire(2) below
                {
                    sem.Release(1);
                }

                cancel();        // the context ends first...
                sem.Release(1);  // ...and only then is there enough
                ch.Close();
            });

            Assert.Same(Context.Canceled, sem.Acquire(ctx, 2));
            ch.Receive();
            Assert.True(sem.TryAcquire(2), "TryAcquire after canceled Acquire failed");

            // A done context fails even when no waiting would be needed.
            sem.Release(2);
            Assert.Same(Context.Canceled, sem.Acquire(ctx, 1));
            Assert.True(sem.TryAcquire(2));
        });
    }
}
