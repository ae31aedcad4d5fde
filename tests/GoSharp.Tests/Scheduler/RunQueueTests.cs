using GoSharp.Runtime;
using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

/// <summary>The local run queue on its own, with stand-in goroutines that are never run.</summary>
public class RunQueueTests
{
    [Fact]
    public void Queue_is_fifo_and_runnext_goes_first_inheriting_the_time_slice()
    {
        var p = new P(100);
        FakeG[] gs = FakeG.Make(4);
        p.RunqPut(gs[0], next: false);
        p.RunqPut(gs[1], next: false);
        p.RunqPut(gs[2], next: true);
        p.RunqPut(gs[3], next: true); // displaces gs[2] to the tail

        Assert.Same(gs[3], p.RunqGet(out bool inherit));
        Assert.True(inherit);
        Assert.Same(gs[0], p.RunqGet(out inherit));
        Assert.False(inherit);
        Assert.Same(gs[1], p.RunqGet(out _));
        Assert.Same(gs[2], p.RunqGet(out _));
        Assert.Null(p.RunqGet(out _));
        Assert.True(p.RunqEmpty());
    }

    [Fact]
    public void A_thief_takes_half_the_queue_and_runnext_only_when_asked()
    {
        var victim = new P(100);
        var thief = new P(101);
        FakeG[] gs = FakeG.Make(11);
        for (int i = 0; i < 10; i++)
        {
            victim.RunqPut(gs[i], next: false);
        }

        victim.RunqPut(gs[10], next: true);

        G? first = thief.RunqSteal(victim, stealRunNext: false);
        Assert.NotNull(first);
        Assert.Equal(5, thief.RunqSize + 1);     // half of ten, one returned to run now
        Assert.Equal(6, victim.RunqSize);         // five left plus runnext

        // Drain the ring, then only runnext is left, and only a last-round steal takes it.
        while (thief.RunqSteal(victim, stealRunNext: false) is not null)
        {
        }

        Assert.Equal(1, victim.RunqSize);
        Assert.Same(gs[10], thief.RunqSteal(victim, stealRunNext: true));
        Assert.True(victim.RunqEmpty());
    }

    [Fact]
    public void Under_concurrent_stealing_every_goroutine_is_taken_exactly_once()
    {
        const int n = 200_000;
        FakeG[] gs = FakeG.Make(n);
        var taken = new int[n];
        var owner = new P(100);
        int produced = 0;
        int stop = 0;

        void Take(G? g)
        {
            if (g is FakeG f)
            {
                Interlocked.Increment(ref taken[f.Index]);
            }
        }

        Thread Thief(int id) => new(() =>
        {
            var mine = new P(id);
            while (Volatile.Read(ref stop) == 0 || !owner.RunqEmpty())
            {
                Take(mine.RunqSteal(owner, stealRunNext: (id & 1) == 0));
                while (mine.RunqGet(out _) is G g)
                {
                    Take(g);
                }
            }
        });

        Thread[] thieves = { Thief(102), Thief(103) };
        foreach (Thread t in thieves)
        {
            t.Start();
        }

        Deadline.Run(() =>
        {
            var rand = new Random(1);
            while (produced < n)
            {
                // Stay below the ring size: the overflow path would use the real global queue.
                if (owner.RunqSize < P.RunQueueSize - 2)
                {
                    owner.RunqPut(gs[produced++], next: rand.Next(4) == 0);
                }

                if (rand.Next(3) == 0)
                {
                    Take(owner.RunqGet(out _));
                }
            }

            while (owner.RunqGet(out _) is G g)
            {
                Take(g);
            }
        });
        Volatile.Write(ref stop, 1);
        foreach (Thread t in thieves)
        {
            Assert.True(t.Join(Deadline.Scenario));
        }

        Assert.All(taken, count => Assert.Equal(1, count));
    }
}
