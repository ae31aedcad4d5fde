using System.Runtime.CompilerServices;
using GoSharp.Runtime;
using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

/// <summary>The global run queue's ring on its own, with stand-in goroutines (no scheduler lock needed: one thread).</summary>
public class GlobalRunQueueTests
{
    private static List<int> Drain(GlobalRunQueue queue)
    {
        var order = new List<int>();
        while (queue.Count > 0)
        {
            order.Add(((FakeG)queue.Pop()).Index);
        }

        return order;
    }

    [Fact]
    public void Keeps_first_in_first_out_order_across_wrap_around_and_growth()
    {
        var queue = new GlobalRunQueue();
        FakeG[] gs = FakeG.Make(3000);
        var expected = new List<int>();
        int next = 0;

        // Fill part of the ring and take some, so that the head is not at slot 0 when it grows.
        for (; next < 200; next++)
        {
            queue.Put(gs[next]);
        }

        var taken = new List<int>();
        for (int i = 0; i < 150; i++)
        {
            taken.Add(((FakeG)queue.Pop()).Index);
        }

        Assert.Equal(Enumerable.Range(0, 150), taken);
        expected.AddRange(Enumerable.Range(150, 50));

        // Singles and batches (a local queue's spill), wrapping and then outgrowing the ring.
        while (next < gs.Length)
        {
            if (next % 3 == 0)
            {
                int n = Math.Min(129, gs.Length - next);
                var batch = new GSlot[n];
                for (int i = 0; i < n; i++)
                {
                    batch[i].g = gs[next + i];
                }

                queue.PutBatch(batch);
                expected.AddRange(Enumerable.Range(next, n));
                next += n;
            }
            else
            {
                queue.Put(gs[next]);
                expected.Add(next);
                next++;
            }
        }

        Assert.Equal(expected.Count, queue.Count);
        Assert.True(queue.Capacity >= expected.Count);
        Assert.Equal(expected, Drain(queue));
    }

    [Fact]
    public void A_drained_ring_keeps_a_moderate_size_and_gives_back_a_large_one()
    {
        var queue = new GlobalRunQueue();
        FakeG[] gs = FakeG.Make(GlobalRunQueue.KeptSize + 1);

        foreach (FakeG g in gs.AsSpan(0, 1000))
        {
            queue.Put(g);
        }

        int grown = queue.Capacity;
        Assert.True(grown > GlobalRunQueue.InitialSize);
        Drain(queue);
        Assert.Equal(grown, queue.Capacity); // a spawner that overflows again allocates nothing

        foreach (FakeG g in gs)
        {
            queue.Put(g);
        }

        Assert.True(queue.Capacity > GlobalRunQueue.KeptSize);
        Assert.Equal(Enumerable.Range(0, gs.Length), Drain(queue));
        Assert.Equal(GlobalRunQueue.InitialSize, queue.Capacity);
    }

    [Fact]
    public void A_goroutine_taken_from_the_queue_is_not_kept_reachable_by_it()
    {
        var queue = new GlobalRunQueue();
        WeakReference taken = PutAndPop(queue);
        for (int i = 0; i < 10 && taken.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(taken.IsAlive, "the ring still references a goroutine it handed out");
        GC.KeepAlive(queue);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference PutAndPop(GlobalRunQueue queue)
    {
        queue.Put(new FakeG(1));
        return new WeakReference(queue.Pop());
    }
}
