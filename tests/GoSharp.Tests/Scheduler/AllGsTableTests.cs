using GoSharp.Runtime;
using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

/// <summary>One table of <see cref="AllGs"/> on its own, with stand-in goroutines.</summary>
public class AllGsTableTests
{
    private const int TableId = 1000; // not a P's: the process's own tables never see these goroutines

    private static HashSet<G> Listed(AllGs.Table table)
    {
        var listed = new HashSet<G>();
        table.ForEach(g =>
        {
            Assert.True(listed.Add(g), $"goroutine {((FakeG)g).Index} listed twice");
            return true;
        });
        return listed;
    }

    [Fact]
    public void Lists_exactly_the_registered_goroutines_across_several_chunks()
    {
        var table = new AllGs.Table(TableId);
        FakeG[] gs = FakeG.Make(5000);
        foreach (FakeG g in gs)
        {
            table.Add(g);
        }

        foreach (FakeG g in gs.Where(g => g.Index % 3 == 0))
        {
            table.Remove(g);
            Assert.Equal(0, g.allTable);
        }

        HashSet<G> listed = Listed(table);
        Assert.Equal(gs.Where(g => g.Index % 3 != 0).ToHashSet<G>(), listed);
        Assert.InRange(table.SlotCount, 5000, 2 * 5000);
    }

    [Fact]
    public void Slots_freed_by_exits_are_reused_so_churn_does_not_grow_the_table()
    {
        var table = new AllGs.Table(TableId);
        FakeG[] gs = FakeG.Make(100);
        var live = new Queue<FakeG>();
        for (int round = 0; round < 100_000; round++)
        {
            FakeG g = gs[round % gs.Length];
            if (live.Count == 50)
            {
                table.Remove(live.Dequeue());
            }

            table.Add(g);
            live.Enqueue(g);
        }

        Assert.Equal(live.ToHashSet<G>(), Listed(table));
        Assert.Equal(AllGs.Table.ChunkSize, table.SlotCount); // one chunk: 50 live goroutines never fill it
    }

    [Fact]
    public void A_goroutine_started_again_after_exiting_is_listed_once()
    {
        var table = new AllGs.Table(TableId);
        FakeG[] gs = FakeG.Make(3);
        table.Add(gs[0]);
        table.Add(gs[1]);
        int first = gs[0].allSlot;
        table.Remove(gs[0]);

        // A pooled G started again lands in the next free slot, not its old one.
        table.Add(gs[2]);
        table.Add(gs[0]);
        Assert.NotEqual(first, gs[0].allSlot);
        Assert.Equal(new HashSet<G>(gs), Listed(table));
    }

    [Fact]
    public void Exits_on_other_threads_while_the_owner_registers_leave_an_exact_listing()
    {
        // The owner registers goroutines (a P's M spawning), reusing the ones that have exited,
        // as the P's cache does; another thread unregisters them (other Ms running them to
        // completion), all but every fourth; a third takes snapshots meanwhile. Once they stop,
        // the listing is exactly the goroutines whose last step was a registration, each once.
        var table = new AllGs.Table(TableId);
        FakeG[] gs = FakeG.Make(4000);
        var live = new bool[gs.Length]; // written by whichever thread holds the goroutine
        var running = new System.Collections.Concurrent.BlockingCollection<FakeG>(boundedCapacity: 1000);
        var exited = new System.Collections.Concurrent.ConcurrentQueue<FakeG>();
        using var cts = new CancellationTokenSource(Deadline.Scenario);
        var exiter = Task.Run(() =>
        {
            foreach (FakeG g in running.GetConsumingEnumerable(cts.Token))
            {
                if (g.Index % 4 != 0)
                {
                    table.Remove(g);
                    live[g.Index] = false;
                    exited.Enqueue(g);
                }
            }
        });
        bool stop = false;
        int snapshots = 0;
        var reader = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                // A walk racing with both sides, and with the table growing, must not fault (a
                // chunk counted before it is published would be null). It may meet a goroutine
                // twice (AllGs.Snapshot drops the repeat), so the exact check is the final one.
                table.ForEach(g => true);
                Interlocked.Increment(ref snapshots);
            }
        });

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref snapshots) > 0, Deadline.Scenario), "the reading thread did not start");
        int fresh = 0;
        for (int spawn = 0; spawn < 100_000; spawn++)
        {
            FakeG g;
            if (!exited.TryDequeue(out g!))
            {
                if (fresh == gs.Length)
                {
                    break; // every goroutine is live or running: nothing left to start
                }

                g = gs[fresh++];
            }

            table.Add(g);
            live[g.Index] = true;
            running.Add(g, cts.Token);
        }

        running.CompleteAdding();
        Assert.True(exiter.Wait(Deadline.Scenario), "the exiting thread did not finish");
        Volatile.Write(ref stop, true);
        Assert.True(reader.Wait(Deadline.Scenario), "the reading thread did not finish");
        Assert.Equal(gs.Where(g => live[g.Index]).ToHashSet<G>(), Listed(table));
        Assert.True(table.SlotCount <= 2 * gs.Length, $"{table.SlotCount} slots for {gs.Length} goroutines");
    }
}
