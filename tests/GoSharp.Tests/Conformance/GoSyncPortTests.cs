using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go's src/sync tests for Cond, Mutex, RWMutex, Once and WaitGroup, ported as goroutine code
/// (the awaitable forms) with the test's own goroutine as a plain thread using the blocking
/// forms, as in Go where the test function is just another goroutine. Go's fatal errors for
/// misuse are exceptions here, so the misuse tests check the exception instead of a crashed child process.
/// </summary>
public partial class GoSyncPortTests
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
}
