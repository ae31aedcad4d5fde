namespace GoSharp.Runtime;

/// <summary>
/// Every live goroutine (Go's allgs), for goroutine dumps and deadlock detection. Sharded by
/// the spawning P so that spawns on different Ps do not contend; a goroutine is removed from the
/// shard it was added to when it exits (usually on the same P, so the lock is uncontended).
/// </summary>
internal static class AllGs
{
    private static readonly Shard[] s_shards = CreateShards();

    private sealed class Shard
    {
        internal SpinLockSlim gate;
        internal G? head;
    }

    /// <summary>Registers a goroutine that is being started.</summary>
    internal static void Add(G g, int shardHint)
    {
        int index = (int)((uint)shardHint % (uint)s_shards.Length);
        Shard shard = s_shards[index];
        g.allShard = (byte)(index + 1);
        shard.gate.Enter();
        g.allprev = null;
        g.allnext = shard.head;
        if (shard.head is not null)
        {
            shard.head.allprev = g;
        }

        shard.head = g;
        shard.gate.Exit();
    }

    /// <summary>Unregisters a goroutine that has exited.</summary>
    internal static void Remove(G g)
    {
        if (g.allShard == 0)
        {
            return;
        }

        Shard shard = s_shards[g.allShard - 1];
        shard.gate.Enter();
        if (g.allprev is null)
        {
            shard.head = g.allnext;
        }
        else
        {
            g.allprev.allnext = g.allnext;
        }

        if (g.allnext is not null)
        {
            g.allnext.allprev = g.allprev;
        }

        shard.gate.Exit();
        g.allnext = g.allprev = null;
        g.allShard = 0;
    }

    /// <summary>True if <paramref name="test"/> holds for every live goroutine; stops at the first that fails.</summary>
    internal static bool All(Func<G, bool> test)
    {
        foreach (Shard shard in s_shards)
        {
            shard.gate.Enter();
            try
            {
                for (G? g = shard.head; g is not null; g = g.allnext)
                {
                    if (!test(g))
                    {
                        return false;
                    }
                }
            }
            finally
            {
                shard.gate.Exit();
            }
        }

        return true;
    }

    /// <summary>A snapshot of the live goroutines, ordered by id.</summary>
    internal static List<G> Snapshot()
    {
        var all = new List<G>();
        foreach (Shard shard in s_shards)
        {
            shard.gate.Enter();
            for (G? g = shard.head; g is not null; g = g.allnext)
            {
                all.Add(g);
            }

            shard.gate.Exit();
        }

        all.Sort((a, b) => a.goid.CompareTo(b.goid));
        return all;
    }

    private static Shard[] CreateShards()
    {
        // G.allShard keeps index + 1 in a byte (see the layout note on G).
        var shards = new Shard[Math.Min(byte.MaxValue, Math.Max(4, Environment.ProcessorCount * 2))];
        for (int i = 0; i < shards.Length; i++)
        {
            shards[i] = new Shard();
        }

        return shards;
    }
}
