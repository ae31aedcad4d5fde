using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

public partial class GoSyncPortTests
{
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
}
