using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class RWMutexTests
{
    [Fact]
    public void Readers_hold_the_lock_together()
    {
        using var _ = MaxProcs.Set(2);
        var rw = new RWMutex();
        Deadline.Run(() => Go.Run(async () =>
        {
            // Each reader keeps its read lock until all four hold one: exclusive readers would deadlock.
            var allIn = new WaitGroup();
            allIn.Add(4);
            var wg = new WaitGroup();
            for (int i = 0; i < 4; i++)
            {
                wg.Go(async () =>
                {
                    await rw.RLockAsync();
                    allIn.Done();
                    await allIn.WaitAsync();
                    rw.RUnlock();
                });
            }

            await wg.WaitAsync();
        }));
    }

    [Fact]
    public void Writers_exclude_readers_and_writers_in_both_forms()
    {
        using var _ = MaxProcs.Set(2);
        var rw = new RWMutex();
        long a = 0, b = 0; // writers keep a == b; readers must never see them differ
        int torn = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            for (int g = 0; g < 4; g++)
            {
                wg.Go(async () =>
                {
                    for (int i = 0; i < 5_000; i++)
                    {
                        await rw.LockAsync();
                        a++;
                        await Go.GoschedAsync();
                        b++;
                        rw.Unlock();
                    }
                });
                wg.Go(async () =>
                {
                    for (int i = 0; i < 5_000; i++)
                    {
                        await rw.RLockAsync();
                        if (Volatile.Read(ref a) != Volatile.Read(ref b))
                        {
                            Interlocked.Increment(ref torn);
                        }

                        rw.RUnlock();
                    }
                });
            }

            var thread = new Thread(() =>
            {
                for (int i = 0; i < 5_000; i++)
                {
                    rw.Lock();
                    a++;
                    Thread.Yield();
                    b++;
                    rw.Unlock();
                    rw.RLock();
                    if (Volatile.Read(ref a) != Volatile.Read(ref b))
                    {
                        Interlocked.Increment(ref torn);
                    }

                    rw.RUnlock();
                }
            });
            thread.Start();
            await wg.WaitAsync();
            Assert.True(thread.Join(Deadline.Scenario));
        }));

        Assert.Equal(0, torn);
        Assert.Equal(25_000, a);
        Assert.Equal(25_000, b);
    }

    /// <summary>
    /// Readers overlap so that some reader always holds the lock; a writer still gets in,
    /// because a pending writer stops new readers (Go's writer preference).
    /// </summary>
    [Fact]
    public void A_writer_is_not_starved_by_a_stream_of_readers()
    {
        using var _ = MaxProcs.Set(2);
        var rw = new RWMutex();
        int stop = 0;
        long readsAfterWriterQueued = -1;
        long reads = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var readers = new WaitGroup();
            for (int i = 0; i < 4; i++)
            {
                readers.Go(async () =>
                {
                    while (Volatile.Read(ref stop) == 0)
                    {
                        await rw.RLockAsync();
                        Interlocked.Increment(ref reads);
                        await Go.SleepAsync(TimeSpan.FromMilliseconds(1));
                        rw.RUnlock();
                    }
                });
            }

            while (Interlocked.Read(ref reads) < 20)
            {
                await Go.SleepAsync(TimeSpan.FromMilliseconds(1));
            }

            var writer = Go.RunAsync(async () =>
            {
                await rw.LockAsync();
                Volatile.Write(ref readsAfterWriterQueued, Interlocked.Read(ref reads));
                rw.Unlock();
            });
            await Go.AwaitAsync(writer.WaitAsync(TimeSpan.FromSeconds(10)));
            Volatile.Write(ref stop, 1);
            await readers.WaitAsync();
        }));

        Assert.True(Volatile.Read(ref readsAfterWriterQueued) > 0);
    }

    [Fact]
    public void Unlocking_what_is_not_locked_throws()
    {
        var rw = new RWMutex();
        Assert.Equal("sync: RUnlock of unlocked RWMutex", Assert.Throws<SynchronizationLockException>(rw.RUnlock).Message);
        Assert.Equal("sync: Unlock of unlocked RWMutex", Assert.Throws<SynchronizationLockException>(rw.Unlock).Message);

        rw.RLock(); // still usable
        rw.RUnlock();
        rw.Lock();
        rw.Unlock();
    }

    [Fact]
    public void TryLock_and_TryRLock_respect_the_holders()
    {
        var rw = new RWMutex();
        Assert.True(rw.TryRLock());
        Assert.False(rw.TryLock());
        Assert.True(rw.TryRLock());
        rw.RUnlock();
        rw.RUnlock();
        Assert.True(rw.TryLock());
        Assert.False(rw.TryRLock());
        Assert.False(rw.TryLock());
        rw.Unlock();
    }

    [Fact]
    public void A_pending_writer_blocks_new_readers_until_it_is_done()
    {
        var rw = new RWMutex();
        rw.RLock();
        int writerDone = 0, readerDone = 0;
        Parked.InGoroutine(async () =>
        {
            await rw.LockAsync();
            rw.Unlock();
        }, _ => Volatile.Write(ref writerDone, 1));
        Parked.InGoroutine(async () =>
        {
            await rw.RLockAsync();
            rw.RUnlock();
        }, _ => Volatile.Write(ref readerDone, 1));

        rw.RUnlock(); // the first reader leaves: the writer goes, then the queued reader
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref writerDone) == 1 && Volatile.Read(ref readerDone) == 1));
    }
}
