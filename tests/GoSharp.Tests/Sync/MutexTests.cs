using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class MutexTests
{
    private sealed class Shared
    {
        public long Counter;
        public int Inside;
        public int Overlaps;
    }

    private static void Critical(Shared s)
    {
        if (Interlocked.Increment(ref s.Inside) != 1)
        {
            Interlocked.Increment(ref s.Overlaps);
        }

        s.Counter++;
        Interlocked.Decrement(ref s.Inside);
    }

    [Fact]
    public void Goroutines_and_threads_exclude_each_other()
    {
        using var _ = MaxProcs.Set(2);
        var mu = new Mutex();
        var s = new Shared();
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int g = 0; g < 8; g++)
            {
                wg.Go(async () =>
                {
                    for (int i = 0; i < 10_000; i++)
                    {
                        await mu.LockAsync();
                        Critical(s);
                        if (i % 64 == 0)
                        {
                            await Go.GoschedAsync(); // park while holding the lock now and then
                        }

                        mu.Unlock();
                    }
                });
            }

            var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
            {
                for (int i = 0; i < 10_000; i++)
                {
                    mu.Lock();
                    Critical(s);
                    mu.Unlock();
                }
            })).ToList();
            threads.ForEach(t => t.Start());

            await wg.WaitAsync();
            threads.ForEach(t => Assert.True(t.Join(Deadline.Scenario)));
        }));

        Assert.Equal(0, s.Overlaps);
        Assert.Equal(100_000, s.Counter);
    }

    [Fact]
    public void TryLock_takes_only_a_free_mutex()
    {
        var mu = new Mutex();
        Assert.True(mu.TryLock());
        Assert.False(mu.TryLock());
        mu.Unlock();
        Assert.True(mu.TryLock());
        mu.Unlock();
    }

    [Fact]
    public void Unlock_of_an_unlocked_mutex_throws_and_leaves_it_usable()
    {
        var mu = new Mutex();
        var e = Assert.Throws<SynchronizationLockException>(mu.Unlock);
        Assert.Equal("sync: unlock of unlocked mutex", e.Message);
        Assert.True(mu.TryLock());
        mu.Unlock();
    }

    [Fact]
    public void Lock_parks_until_the_holder_unlocks()
    {
        var mu = new Mutex();
        mu.Lock();
        int acquired = 0;
        Parked.InGoroutine(async () =>
        {
            await mu.LockAsync();
            mu.Unlock();
        }, _ => Volatile.Write(ref acquired, 1));
        Thread thread = Parked.OnThread(() =>
        {
            mu.Lock();
            mu.Unlock();
        });

        mu.Unlock();
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref acquired) == 1));
        Assert.True(thread.Join(Deadline.Scenario));
    }

    /// <summary>
    /// Go's TestMutexFairness: one goroutine holds the lock almost all the time, re-locking at
    /// once after each unlock; another needs it ten times. Without starvation mode the second one
    /// loses nearly every race; with it, a waiter blocked over 1 ms is handed the lock.
    /// </summary>
    [Fact]
    public void A_waiter_is_not_starved_by_a_goroutine_that_relocks_at_once()
    {
        using var _ = MaxProcs.Set(2);
        var mu = new Mutex();
        var stop = new Chan<bool>();
        var done = new Chan<bool>(1);
        Deadline.Run(() => Go.Run(async () =>
        {
            Go.go(async () =>
            {
                while (true)
                {
                    await mu.LockAsync();
                    await Go.SleepAsync(TimeSpan.FromTicks(1000)); // 100 µs
                    mu.Unlock();
                    if (stop.TryReceive(out bool _))
                    {
                        return;
                    }
                }
            });
            Go.go(async () =>
            {
                for (int i = 0; i < 10; i++)
                {
                    await Go.SleepAsync(TimeSpan.FromTicks(1000));
                    await mu.LockAsync();
                    mu.Unlock();
                }

                await done.SendAsync(true);
            });

            var outcome = await Go.SelectAsync(done.OnReceive(), Go.After(TimeSpan.FromSeconds(10)).OnReceive());
            await stop.SendAsync(true);
            Assert.True(outcome.Index == 0, "can't acquire Mutex in 10 seconds");
        }));
    }

    /// <summary>
    /// Go's starvation mode, step by step on one P: a newcomer may beat a woken waiter once, but
    /// a waiter that has waited over 1 ms then switches the mutex to starvation mode and the next
    /// unlock hands the lock to it: a newcomer's TryLock fails until the waiter has had its turn.
    /// </summary>
    [Fact]
    public void A_waiter_blocked_over_a_millisecond_is_served_before_newcomers()
    {
        using var _ = MaxProcs.Set(1);
        var mu = new Mutex();
        var log = new List<string>();
        Deadline.Run(() => Go.Run(async () =>
        {
            mu.Lock();
            Go.go(async () =>
            {
                await mu.LockAsync();
                log.Add("waiter");
                mu.Unlock();
            });
            while (mu.Waiters == 0)
            {
                await Go.SleepAsync(TimeSpan.FromMilliseconds(1)); // the waiter parks in LockAsync
            }

            await Go.SleepAsync(TimeSpan.FromMilliseconds(5)); // ... for well over 1 ms
            mu.Unlock();                   // wakes the waiter, which cannot run yet (one P)
            log.Add(mu.TryLock() ? "newcomer won the race" : "newcomer lost the race");
            while (!mu.IsStarving)
            {
                await Go.GoschedAsync();   // the waiter runs, fails, and turns on starvation mode
            }

            mu.Unlock();                   // starvation mode: the lock goes straight to the waiter
            log.Add(mu.TryLock() ? "newcomer barged in" : "newcomer waits");
            while (!log.Contains("waiter"))
            {
                await Go.GoschedAsync();   // the waiter takes its turn
            }

            Assert.False(mu.IsStarving);   // the last waiter served: back to normal mode
            Assert.True(mu.TryLock());
            mu.Unlock();
        }));

        Assert.Equal(new[] { "newcomer won the race", "newcomer waits", "waiter" }, log);
    }
}
