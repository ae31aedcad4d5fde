using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

public partial class GoSyncPortTests
{
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
}
