namespace GoSharp.Runtime;

/// <summary>
/// Every live goroutine (Go's allgs), for goroutine dumps and deadlock detection: one table per
/// P, which only that P's M writes (so a spawn takes no lock), and one shared, locked table for
/// goroutines started by threads without a P.
/// </summary>
/// <remarks>
/// <para>A table is a list of fixed-size chunks of slots. A goroutine is registered by storing
/// it in a free (null) slot and recording the slot in <see cref="G.allSlot"/> and the table in
/// <see cref="G.allTable"/>; it is unregistered by clearing the slot and then
/// <see cref="G.allTable"/>, from whichever thread it exits on, with two plain stores: no lock,
/// no interlocked operation. Readers count a goroutine found in a slot only if it still names
/// this table and slot (<see cref="Table.IsRegisteredAt"/>), which a goroutine that has exited, or
/// exited and been started again elsewhere, does not. Go never removes from allgs at all; a dead
/// G stays there to be reused.</para>
///
/// <para>Ordering. The registering M writes the G's slot number, then its table (release), then
/// the slot (release); a reader loads the slot (acquire), then the table (acquire), then the slot
/// number, so a G it counts has its right slot number. The unregistering thread clears the slot
/// (release), then the table. The table's M reuses a slot only after loading null from it
/// (acquire), so the clear is ordered before its own store and cannot erase the new
/// registration. Growing adds a chunk and copies only the list of chunks, so a clear always lands
/// in the chunk the M reads.</para>
///
/// <para>Consistency. Readers walk the tables without stopping anything: a goroutine started or
/// exiting meanwhile may or may not be met, and one that exits and is started again in a slot
/// further on can be met twice (<see cref="Snapshot"/> drops the repeat). When nothing runs (the
/// deadlock detector's case, or a dump of a deadlock) a walk meets every goroutine exactly once.</para>
/// </remarks>
internal static class AllGs
{
    /// <summary>The table of goroutines started without a P (plain threads, SyncTest bubbles): shared, so locked.</summary>
    private static readonly Table s_offP = new(Table.OffPId);

    /// <summary>One P's or the off-P goroutines: slots in chunks, written by one thread at a time.</summary>
    internal sealed class Table
    {
        /// <summary><see cref="G.allTable"/> of the off-P table; a P's table is its id plus two (0 means not registered).</summary>
        internal const ushort OffPId = 1;

        /// <summary>Slots per chunk. A table grows by whole chunks and never copies one, so growing leaves no garbage.</summary>
        internal const int ChunkSize = 1 << ChunkBits;
        private const int ChunkBits = 10;

        /// <summary>Slots looked at from the cursor before the table grows (a run of 64 taken slots is rare below 90 % use).</summary>
        private const int Probes = 64;

        private readonly ushort _id;
        private GSlot[]?[] _chunks = [new GSlot[ChunkSize]]; // in use: the first _chunkCount; capacity doubles
        private int _chunkCount = 1;
        private int _cursor;
        private SpinLockSlim _gate; // the off-P table only: several threads register there

        internal Table(int id)
        {
            _id = checked((ushort)id);
        }

        /// <summary>Registers <paramref name="g"/>. Only the table's owner calls this (the P's M, or a holder of the off-P lock).</summary>
        internal void Add(G g)
        {
            GSlot[]?[] chunks = _chunks;
            int slots = _chunkCount << ChunkBits;

            // An exit clears its slot, so free slots are found by reading the slots alone.
            int i = _cursor;
            for (int probe = 0; probe < Probes; probe++, i = i + 1 == slots ? 0 : i + 1)
            {
                if (Volatile.Read(ref Slot(chunks, i)) is null)
                {
                    Put(chunks, i, g, slots);
                    return;
                }
            }

            // The Probes slots after the cursor are all in use: add a chunk and go on in it. A
            // table grows only where nearly every slot is taken, so it stays close to the most
            // goroutines it has held at once.
            if (_chunkCount == chunks.Length)
            {
                var doubled = new GSlot[chunks.Length * 2][];
                Array.Copy(chunks, doubled, chunks.Length);
                chunks = doubled;
            }

            chunks[_chunkCount] = new GSlot[ChunkSize];
            Volatile.Write(ref _chunks, chunks);
            Volatile.Write(ref _chunkCount, _chunkCount + 1); // after the chunk: a reader that counts it finds it
            Put(chunks, slots, g, slots + ChunkSize);
        }

        /// <summary>Slots the table has now (chunks times chunk size); it never shrinks.</summary>
        internal int SlotCount => Volatile.Read(ref _chunkCount) << ChunkBits;

        /// <summary>Unregisters <paramref name="g"/>, which this table holds; safe from any thread.</summary>
        internal void Remove(G g)
        {
            // The slot cannot have been reused yet: it is free only once cleared, here.
            Volatile.Write(ref Slot(Volatile.Read(ref _chunks), g.allSlot), null);
            Volatile.Write(ref g.allTable, 0);
        }

        /// <summary>True if <paramref name="g"/>, found in slot <paramref name="slot"/>, is registered there.</summary>
        internal bool IsRegisteredAt(G g, int slot) => Volatile.Read(ref g.allTable) == _id && g.allSlot == slot;

        internal void AddLocked(G g)
        {
            _gate.Enter();
            try
            {
                Add(g);
            }
            finally
            {
                _gate.Exit();
            }
        }

        /// <summary>Calls <paramref name="visit"/> for each registered goroutine until it returns false.</summary>
        internal bool ForEach(Func<G, bool> visit)
        {
            int slots = SlotCount;
            GSlot[]?[] chunks = Volatile.Read(ref _chunks);
            for (int i = 0; i < slots; i++)
            {
                if (Volatile.Read(ref Slot(chunks, i)) is G g && IsRegisteredAt(g, i) && !visit(g))
                {
                    return false;
                }
            }

            return true;
        }

        private static ref G? Slot(GSlot[]?[] chunks, int i) => ref chunks[i >> ChunkBits]![i & (ChunkSize - 1)].g;

        private void Put(GSlot[]?[] chunks, int i, G g, int slots)
        {
            g.allSlot = i;
            Volatile.Write(ref g.allTable, _id);
            Volatile.Write(ref Slot(chunks, i), g);
            _cursor = i + 1 == slots ? 0 : i + 1;
        }
    }

    /// <summary>Registers a goroutine that is being started by the M holding <paramref name="p"/>, or by a thread without a P.</summary>
    internal static void Add(G g, P? p)
    {
        if (p is null)
        {
            s_offP.AddLocked(g);
        }
        else
        {
            p.gs.Add(g);
        }
    }

    /// <summary>Unregisters a goroutine that has exited (from any thread).</summary>
    internal static void Remove(G g)
    {
        ushort table = g.allTable;
        if (table != 0)
        {
            TableOf(table).Remove(g);
        }
    }

    /// <summary>True if <paramref name="test"/> holds for every live goroutine; stops at the first that fails.</summary>
    internal static bool All(Func<G, bool> test)
    {
        if (!s_offP.ForEach(test))
        {
            return false;
        }

        foreach (P p in Sched.allp)
        {
            if (!p.gs.ForEach(test))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A snapshot of the live goroutines, ordered by id, each once.</summary>
    internal static List<G> Snapshot()
    {
        // A goroutine that exits and is started again (pooled) in a slot further on while the
        // tables are read can be met twice: once in its old slot, once in its new one.
        var seen = new HashSet<G>(ReferenceEqualityComparer.Instance);
        var all = new List<G>();
        All(g =>
        {
            if (seen.Add(g))
            {
                all.Add(g);
            }

            return true;
        });
        all.Sort((a, b) => a.goid.CompareTo(b.goid));
        return all;
    }

    private static Table TableOf(ushort id) => id == Table.OffPId ? s_offP : Sched.allp[id - 2].gs;
}
