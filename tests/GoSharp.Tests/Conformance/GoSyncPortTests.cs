using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go's src/sync tests for Cond, Mutex, RWMutex, Once and WaitGroup, ported as goroutine code
/// (the awaitable forms) with the test's own goroutine as a plain thread using the blocking
/// forms, as in Go where the test function is just another goroutine. Go's fatal errors for
/// misuse are exceptions here, so the misuse tests check the exception instead of a crashed child process.
/// </summary>
public class GoSyncPortTests
{
    private static bool Ready<T>(Chan<T> c) => Select(c.OnReceive(), Default) == 0;

    /// <summary>TestCondSignal: each Signal wakes exactly one waiter.</summary>
    [Fact]
    public void TestCondSignal()
    {
        Deadline.Run(() =>
        {
            var m = new Mutex();
            var c = new Cond(m);
            int n = 2;
            var running = new Chan<bool>(n);
            var awake = new Chan<bool>(n);
            for (int i = 0; i < n; i++)
            {
                go(async () =>
                {
                    await m.LockAsync();
                    await running.SendAsync(true);
                    await c.WaitAsync();
                    await awake.SendAsync(true);
                    m.Unlock();
                });
            }

            for (int i = 0; i < n; i++)
            {
                running.Receive(); // wait for everyone to run
            }

            for (; n > 0; n--)
            {
                Assert.False(Ready(awake), "goroutine not asleep");
                m.Lock();
                c.Signal();
                m.Unlock();
                awake.Receive(); // would hang if no goroutine woke
                Assert.False(Ready(awake), "too many goroutines awake");
            }

            c.Signal();
        });
    }

    /// <summary>TestCondSignalGenerations: waiters are woken in the order they started waiting.</summary>
    [Fact]
    public void TestCondSignalGenerations()
    {
        Deadline.Run(() =>
        {
            var m = new Mutex();
            var c = new Cond(m);
            const int n = 100;
            var running = new Chan<bool>(n);
            var awake = new Chan<int>(n);
            for (int i = 0; i < n; i++)
            {
                int me = i;
                go(async () =>
                {
                    await m.LockAsync();
                    await running.SendAsync(true);
                    await c.WaitAsync();
                    await awake.SendAsync(me);
                    m.Unlock();
                });
                if (i > 0)
                {
                    Assert.Equal(i - 1, awake.Receive()); // the goroutine that waited first
                }

                running.Receive();
                m.Lock();
                c.Signal();
                m.Unlock();
            }
        });
    }

    /// <summary>TestCondBroadcast: 200 rounds of 200 waiters, each Broadcast wakes each of them exactly once.</summary>
    [Fact]
    public void TestCondBroadcast()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var m = new Mutex();
            var c = new Cond(m);
            const int n = 200;
            var running = new Chan<int>(n);
            var awake = new Chan<int>(n);
            bool exit = false;
            for (int i = 0; i < n; i++)
            {
                int g = i;
                go(async () =>
                {
                    await m.LockAsync();
                    while (!exit)
                    {
                        await running.SendAsync(g);
                        await c.WaitAsync();
                        await awake.SendAsync(g);
                    }

                    m.Unlock();
                });
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    running.Receive(); // would hang unless n are running
                }

                if (i == n - 1)
                {
                    m.Lock();
                    exit = true;
                    m.Unlock();
                }

                Assert.False(Ready(awake), "goroutine not asleep");
                m.Lock();
                c.Broadcast();
                m.Unlock();
                var seen = new bool[n];
                for (int j = 0; j < n; j++)
                {
                    int g = awake.Receive();
                    Assert.False(seen[g], "goroutine woke up twice");
                    seen[g] = true;
                }
            }

            Assert.False(Ready(running), "goroutine did not exit");
            c.Broadcast();
        });
    }

    /// <summary>TestRace: a signal handed from goroutine to goroutine under the lock, in the order the state says.</summary>
    [Fact]
    public void TestRace()
    {
        using var _ = MaxProcs.Set(2);
        var errors = new List<string>();
        Deadline.Run(() =>
        {
            int x = 0;
            var c = new Cond(new Mutex());
            var done = new Chan<bool>();
            go(async () =>
            {
                await c.L.LockAsync();
                x = 1;
                await c.WaitAsync();
                if (x != 2)
                {
                    lock (errors)
                    {
                        errors.Add("want 2");
                    }
                }

                x = 3;
                c.Signal();
                c.L.Unlock();
                await done.SendAsync(true);
            });
            go(async () =>
            {
                await c.L.LockAsync();
                while (true)
                {
                    if (x == 1)
                    {
                        x = 2;
                        c.Signal();
                        break;
                    }

                    c.L.Unlock();
                    await GoschedAsync();
                    await c.L.LockAsync();
                }

                c.L.Unlock();
                await done.SendAsync(true);
            });
            go(async () =>
            {
                await c.L.LockAsync();
                while (true)
                {
                    if (x == 2)
                    {
                        await c.WaitAsync();
                        if (x != 3)
                        {
                            lock (errors)
                            {
                                errors.Add("want 3");
                            }
                        }

                        break;
                    }

                    if (x == 3)
                    {
                        break;
                    }

                    c.L.Unlock();
                    await GoschedAsync();
                    await c.L.LockAsync();
                }

                c.L.Unlock();
                await done.SendAsync(true);
            });
            done.Receive();
            done.Receive();
            done.Receive();
        });

        Assert.Empty(errors);
    }

    /// <summary>TestCondSignalStealing: a Broadcast racing a new waiter still wakes the waiter that was already there.</summary>
    [Fact]
    public void TestCondSignalStealing()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            for (int iters = 0; iters < 1000; iters++)
            {
                var m = new Mutex();
                var cond = new Cond(m);

                // Start a waiter.
                var ch = new Chan<Unit>();
                go(async () =>
                {
                    await m.LockAsync();
                    await ch.SendAsync(default);
                    await cond.WaitAsync();
                    m.Unlock();
                    await ch.SendAsync(default);
                });
                ch.Receive();
                m.Lock(); // the waiter is inside Wait: it held the lock when it synchronized with us
                m.Unlock();

                // A broadcaster and a new waiter race; the first waiter must be woken.
                bool done = false;
                go(cond.Broadcast);
                go(async () =>
                {
                    await m.LockAsync();
                    while (!done)
                    {
                        await cond.WaitAsync();
                    }

                    m.Unlock();
                });

                ch.Receive(); // would hang if the first waiter missed the broadcast

                // Release the second waiter in case it did not get the broadcast.
                m.Lock();
                done = true;
                m.Unlock();
                cond.Broadcast();
            }
        });
    }

    private static async GoTask HammerMutex(Mutex m, int loops, Chan<bool> cdone)
    {
        for (int i = 0; i < loops; i++)
        {
            if (i % 3 == 0)
            {
                if (m.TryLock())
                {
                    m.Unlock();
                }

                continue;
            }

            await m.LockAsync();
            m.Unlock();
        }

        await cdone.SendAsync(true);
    }

    /// <summary>TestMutex: TryLock agrees with the state, and ten goroutines hammering one mutex finish.</summary>
    [Fact]
    public void TestMutex()
    {
        using var _ = MaxProcs.Set(2);
        var m = new Mutex();
        m.Lock();
        Assert.False(m.TryLock(), "TryLock succeeded with mutex locked");
        m.Unlock();
        Assert.True(m.TryLock(), "TryLock failed with mutex unlocked");
        m.Unlock();

        Deadline.Run(() =>
        {
            var c = new Chan<bool>();
            for (int i = 0; i < 10; i++)
            {
                go(() => HammerMutex(m, 1000, c));
            }

            for (int i = 0; i < 10; i++)
            {
                c.Receive();
            }
        });
    }

    /// <summary>TestMutexMisuse: every way of unlocking what is not locked is an error that says so.</summary>
    [Theory]
    [InlineData("Mutex.Unlock")]
    [InlineData("Mutex.Unlock2")]
    [InlineData("RWMutex.Unlock")]
    [InlineData("RWMutex.Unlock2")]
    [InlineData("RWMutex.Unlock3")]
    [InlineData("RWMutex.RUnlock")]
    [InlineData("RWMutex.RUnlock2")]
    [InlineData("RWMutex.RUnlock3")]
    public void TestMutexMisuse(string name)
    {
        Action misuse = name switch
        {
            "Mutex.Unlock" => () => new Mutex().Unlock(),
            "Mutex.Unlock2" => () =>
            {
                var mu = new Mutex();
                mu.Lock();
                mu.Unlock();
                mu.Unlock();
            },
            "RWMutex.Unlock" => () => new RWMutex().Unlock(),
            "RWMutex.Unlock2" => () =>
            {
                var mu = new RWMutex();
                mu.RLock();
                mu.Unlock();
            },
            "RWMutex.Unlock3" => () =>
            {
                var mu = new RWMutex();
                mu.Lock();
                mu.Unlock();
                mu.Unlock();
            },
            "RWMutex.RUnlock" => () => new RWMutex().RUnlock(),
            "RWMutex.RUnlock2" => () =>
            {
                var mu = new RWMutex();
                mu.Lock();
                mu.RUnlock();
            },
            _ => () =>
            {
                var mu = new RWMutex();
                mu.RLock();
                mu.RUnlock();
                mu.RUnlock();
            },
        };

        var e = Assert.Throws<SynchronizationLockException>(misuse);
        Assert.Contains("unlocked", e.Message);
    }

    /// <summary>TestMutexFairness: a goroutine that locks repeatedly, holding the lock 100 µs each time, does not starve another.</summary>
    [Fact]
    public void TestMutexFairness()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Go.Run(async () =>
        {
            var mu = new Mutex();
            var stop = new Chan<bool>();
            go(async () =>
            {
                while (true)
                {
                    await mu.LockAsync();
                    await SleepAsync(TimeSpan.FromTicks(1000)); // 100 µs
                    mu.Unlock();
                    if (Select(stop.OnReceive(), Default) == 0)
                    {
                        return;
                    }
                }
            });
            var done = new Chan<bool>(1);
            go(async () =>
            {
                for (int i = 0; i < 10; i++)
                {
                    await SleepAsync(TimeSpan.FromTicks(1000));
                    await mu.LockAsync();
                    mu.Unlock();
                }

                await done.SendAsync(true);
            });
            var timeout = NewTimer(TimeSpan.FromSeconds(10));
            var r = await SelectAsync(done.OnReceive(), timeout.C.OnReceive());
            timeout.Stop();
            stop.Close();
            Assert.True(r.Index == 0, "can't acquire Mutex in 10 seconds");
        }), TimeSpan.FromSeconds(20));
    }

    /// <summary>TestOnce: ten goroutines call Do; the action runs once and every caller sees it done.</summary>
    [Fact]
    public void TestOnce()
    {
        int o = 0;
        int sawOther = 0;
        Deadline.Run(() =>
        {
            var once = new Once();
            var c = new Chan<bool>();
            const int N = 10;
            for (int i = 0; i < N; i++)
            {
                go(async () =>
                {
                    await once.DoAsync(() => Interlocked.Increment(ref o));
                    if (Volatile.Read(ref o) != 1)
                    {
                        Interlocked.Increment(ref sawOther);
                    }

                    await c.SendAsync(true);
                });
            }

            for (int i = 0; i < N; i++)
            {
                c.Receive();
            }
        });

        Assert.Equal(1, o);
        Assert.Equal(0, sawOther);
    }

    /// <summary>TestOncePanic: the exception reaches the caller of Do, and the Once counts as done.</summary>
    [Fact]
    public void TestOncePanic()
    {
        var once = new Once();
        var e = Assert.Throws<InvalidOperationException>(() => once.Do(() => throw new InvalidOperationException("failed")));
        Assert.Equal("failed", e.Message);
        once.Do(() => Assert.Fail("Once.Do called twice"));

        var parked = new Once();
        string message = Deadline.RunFor(() => Go.Run(async () =>
        {
            try
            {
                await parked.DoAsync(async () =>
                {
                    await GoschedAsync();
                    throw new InvalidOperationException("failed after parking");
                });
                return "no exception";
            }
            catch (InvalidOperationException x)
            {
                return x.Message;
            }
        }));
        Assert.Equal("failed after parking", message);
        Assert.True(parked.IsDone);
        parked.Do(() => Assert.Fail("Once.Do called twice"));
    }

    private static async GoTask ParallelReader(RWMutex m, Chan<bool> clocked, Chan<bool> cunlock, Chan<bool> cdone)
    {
        await m.RLockAsync();
        await clocked.SendAsync(true);
        await cunlock.ReceiveAsync();
        m.RUnlock();
        await cdone.SendAsync(true);
    }

    /// <summary>TestParallelReaders: readers all hold the read lock at once.</summary>
    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(4, 2)]
    public void TestParallelReaders(int numReaders, int gomaxprocs)
    {
        using var _ = MaxProcs.Set(gomaxprocs);
        Deadline.Run(() =>
        {
            var m = new RWMutex();
            var clocked = new Chan<bool>();
            var cunlock = new Chan<bool>();
            var cdone = new Chan<bool>();
            for (int i = 0; i < numReaders; i++)
            {
                go(() => ParallelReader(m, clocked, cunlock, cdone));
            }

            for (int i = 0; i < numReaders; i++)
            {
                clocked.Receive(); // every RLock succeeded while the others hold theirs
            }

            for (int i = 0; i < numReaders; i++)
            {
                cunlock.Send(true);
            }

            for (int i = 0; i < numReaders; i++)
            {
                cdone.Receive();
            }
        });
    }

    private sealed class Activity
    {
        public int Value; // active readers + 10000 * active writers
        public int Violations;
    }

    private static async GoTask Reader(RWMutex rwm, int iterations, Activity activity, Chan<bool> cdone)
    {
        for (int i = 0; i < iterations; i++)
        {
            await rwm.RLockAsync();
            int n = Interlocked.Increment(ref activity.Value);
            if (n < 1 || n >= 10000)
            {
                Interlocked.Increment(ref activity.Violations);
            }

            for (int j = 0; j < 100; j++)
            {
            }

            Interlocked.Decrement(ref activity.Value);
            rwm.RUnlock();
        }

        await cdone.SendAsync(true);
    }

    private static async GoTask Writer(RWMutex rwm, int iterations, Activity activity, Chan<bool> cdone)
    {
        for (int i = 0; i < iterations; i++)
        {
            await rwm.LockAsync();
            if (Interlocked.Add(ref activity.Value, 10000) != 10000)
            {
                Interlocked.Increment(ref activity.Violations);
            }

            for (int j = 0; j < 100; j++)
            {
            }

            Interlocked.Add(ref activity.Value, -10000);
            rwm.Unlock();
        }

        await cdone.SendAsync(true);
    }

    /// <summary>TestRWMutex: TryLock and TryRLock agree with the state; HammerRWMutex never sees a writer beside anyone.</summary>
    [Fact]
    public void TestRWMutex()
    {
        var m = new RWMutex();
        m.Lock();
        Assert.False(m.TryLock(), "TryLock succeeded with mutex locked");
        Assert.False(m.TryRLock(), "TryRLock succeeded with mutex locked");
        m.Unlock();
        Assert.True(m.TryLock(), "TryLock failed with mutex unlocked");
        m.Unlock();
        Assert.True(m.TryRLock(), "TryRLock failed with mutex unlocked");
        Assert.True(m.TryRLock(), "TryRLock failed with mutex rlocked");
        Assert.False(m.TryLock(), "TryLock succeeded with mutex rlocked");
        m.RUnlock();
        m.RUnlock();

        foreach (var (gomaxprocs, numReaders) in new[] { (1, 1), (1, 3), (1, 10), (4, 1), (4, 3), (4, 10), (10, 1), (10, 3), (10, 10), (10, 5) })
        {
            using var _ = MaxProcs.Set(gomaxprocs);
            var activity = new Activity();
            Deadline.Run(() =>
            {
                const int n = 1000;
                var rwm = new RWMutex();
                var cdone = new Chan<bool>();
                go(() => Writer(rwm, n, activity, cdone));
                int i;
                for (i = 0; i < numReaders / 2; i++)
                {
                    go(() => Reader(rwm, n, activity, cdone));
                }

                go(() => Writer(rwm, n, activity, cdone));
                for (; i < numReaders; i++)
                {
                    go(() => Reader(rwm, n, activity, cdone));
                }

                for (int j = 0; j < 2 + numReaders; j++)
                {
                    cdone.Receive();
                }
            });
            Assert.Equal(0, activity.Violations);
        }
    }

    /// <summary>TestRLocker: the locker of RLocker takes the read lock, and respects the write lock.</summary>
    [Fact]
    public void TestRLocker()
    {
        Deadline.Run(() =>
        {
            var wl = new RWMutex();
            ILocker rl = wl.RLocker();
            var wlocked = new Chan<bool>(1);
            var rlocked = new Chan<bool>(1);
            const int n = 10;
            go(async () =>
            {
                for (int i = 0; i < n; i++)
                {
                    await rl.LockAsync();
                    await rl.LockAsync();
                    await rlocked.SendAsync(true);
                    await wl.LockAsync();
                    await wlocked.SendAsync(true);
                }
            });
            for (int i = 0; i < n; i++)
            {
                rlocked.Receive();
                rl.Unlock();
                Assert.False(Ready(wlocked), "RLocker() didn't read-lock it");
                rl.Unlock();
                wlocked.Receive();
                Assert.False(Ready(rlocked), "RLocker() didn't respect the write lock");
                wl.Unlock();
            }
        });
    }

    private static void TestWaitGroupOnce(WaitGroup wg1, WaitGroup wg2)
    {
        const int n = 16;
        wg1.Add(n);
        wg2.Add(n);
        var exited = new Chan<bool>(n);
        for (int i = 0; i != n; i++)
        {
            go(async () =>
            {
                wg1.Done();
                await wg2.WaitAsync();
                await exited.SendAsync(true);
            });
        }

        wg1.Wait();
        for (int i = 0; i != n; i++)
        {
            Assert.False(Ready(exited), "WaitGroup released group too soon");
            wg2.Done();
        }

        for (int i = 0; i != n; i++)
        {
            exited.Receive(); // would hang if the barrier failed to release someone
        }
    }

    /// <summary>TestWaitGroup: two groups as barriers, eight times over (the groups are reused).</summary>
    [Fact]
    public void TestWaitGroup()
    {
        Deadline.Run(() =>
        {
            var wg1 = new WaitGroup();
            var wg2 = new WaitGroup();
            for (int i = 0; i != 8; i++)
            {
                TestWaitGroupOnce(wg1, wg2);
            }
        });
    }

    /// <summary>TestWaitGroupMisuse: Done once too often is Go's panic message.</summary>
    [Fact]
    public void TestWaitGroupMisuse()
    {
        var wg = new WaitGroup();
        wg.Add(1);
        wg.Done();
        var e = Assert.Throws<InvalidOperationException>(wg.Done);
        Assert.Equal("sync: negative WaitGroup counter", e.Message);
    }

    /// <summary>TestWaitGroupRace: Wait returns only after both goroutines have done their work.</summary>
    [Fact]
    public void TestWaitGroupRace()
    {
        using var _ = MaxProcs.Set(2);
        int spurious = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                var wg = new WaitGroup();
                int n = 0;
                wg.Add(1);
                go(() =>
                {
                    Interlocked.Increment(ref n);
                    wg.Done();
                });
                wg.Add(1);
                go(() =>
                {
                    Interlocked.Increment(ref n);
                    wg.Done();
                });
                await wg.WaitAsync();
                if (Volatile.Read(ref n) != 2)
                {
                    spurious++;
                }
            }
        }));

        Assert.Equal(0, spurious);
    }
}
