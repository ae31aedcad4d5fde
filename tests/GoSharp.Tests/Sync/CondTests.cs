using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class CondTests
{
    private sealed class Waiters
    {
        private readonly int goroutines;
        private readonly int threads;
        public readonly Mutex Mu = new();
        public readonly Cond Cond;
        public int Waiting;
        public int Woken;
        public int Permits;
        public readonly List<Thread> Threads = new();

        public Waiters Start()
        {
            for (int i = 0; i < goroutines; i++)
            {
                Go.go(async () =>
                {
                    await Mu.LockAsync();
                    Waiting++;
                    while (Permits == 0)
                    {
                        await Cond.WaitAsync();
                    }

                    Permits--;
                    Woken++;
                    Mu.Unlock();
                });
            }

            for (int i = 0; i < threads; i++)
            {
                var t = new Thread(() =>
                {
                    Mu.Lock();
                    Waiting++;
                    while (Permits == 0)
                    {
                        Cond.Wait();
                    }

                    Permits--;
                    Woken++;
                    Mu.Unlock();
                });
                Threads.Add(t);
                t.Start();
            }

            // Under the lock, Waiting == n means every waiter is inside Wait (it takes its ticket before unlocking).
            Assert.True(Deadline.WaitUntil(() => Locked(() => Waiting) == goroutines + threads));
            return this;
        }

        public T Locked<T>(Func<T> f)
        {
            Mu.Lock();
            try
            {
                return f();
            }
            finally
            {
                Mu.Unlock();
            }
        }

        public Waiters(int goroutines, int threads)
        {
            this.goroutines = goroutines;
            this.threads = threads;
            Cond = new Cond(Mu);
        }
    }

    [Fact]
    public void Broadcast_wakes_every_waiter_goroutines_and_threads_alike()
    {
        using var _ = MaxProcs.Set(2);
        var w = new Waiters(100, 3).Start();
        w.Locked(() => w.Permits = 103);
        w.Cond.Broadcast();
        Assert.True(Deadline.WaitUntil(() => w.Locked(() => w.Woken) == 103));
        w.Threads.ForEach(t => Assert.True(t.Join(Deadline.Scenario)));
    }

    [Fact]
    public void Each_Signal_wakes_one_waiter()
    {
        using var _ = MaxProcs.Set(2);
        var w = new Waiters(5, 1).Start();
        for (int k = 1; k <= 6; k++)
        {
            w.Locked(() => w.Permits++);
            w.Cond.Signal();
            Assert.True(Deadline.WaitUntil(() => w.Locked(() => w.Woken) >= k));
            Assert.Equal(k, w.Locked(() => w.Woken));
        }

        w.Threads.ForEach(t => Assert.True(t.Join(Deadline.Scenario)));
    }

    [Fact]
    public void A_signal_with_no_waiter_is_not_remembered()
    {
        var mu = new Mutex();
        var cond = new Cond(mu);
        cond.Signal();
        cond.Broadcast();
        Thread t = Parked.OnThread(() =>
        {
            mu.Lock();
            cond.Wait(); // must sleep: the earlier signals were for nobody
            mu.Unlock();
        });
        cond.Signal();
        Assert.True(t.Join(Deadline.Scenario));
    }
}
