using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// A goroutine's life from the scheduler's side: started (Go's newproc), counted, and torn down
/// when its bottom frame finishes (goexit0). Between the two it runs in <see cref="Execute"/> and
/// parks and wakes through <c>Sched.Park.cs</c>.
/// </summary>
internal static partial class Sched
{
    private static long s_spawnedOffP;
    private static long s_exitedOffP;

    /// <summary>
    /// Starts a goroutine (Go's newproc): it gets an id and goes to the spawner's runnext, so the
    /// spawner keeps running and the new goroutine runs next on the same P (or is stolen).
    /// </summary>
    internal static void Newproc(G g, RunContext? run)
    {
        EnsureStarted();
        M? m = M.Current;
        P? p = m?.p;
        int status = Volatile.Read(ref g.status);
        if (status != GStatus.Idle && status != GStatus.Dead)
        {
            throw new InvalidOperationException("This goroutine has already been started.");
        }

        long id;
        if (p is not null)
        {
            id = p.NextGoid();
            p.stats.spawned++;
        }
        else
        {
            id = Interlocked.Increment(ref goidgen);
            Interlocked.Increment(ref s_spawnedOffP);
        }

        g.Prepare(id, run ?? m?.curg?.run);
        AllGs.Add(g, p);
        if (g.run?.bubble is GoSharp.Testing.Bubble bubble)
        {
            bubble.Spawned(g); // goroutines started in a bubble stay in it
            return;
        }

        RunqPutHere(g);
        Wakep();
    }

    /// <summary>Tears down a finished goroutine (Go's goexit0): reports it, then pools it.</summary>
    private static void Goexit(M m, G g)
    {
        Volatile.Write(ref g.status, GStatus.Dead);
        AllGs.Remove(g);
        CountExit(m);
        RunContext? run = g.run;
        if (run is not null && run.main == g)
        {
            run.MainExited(g);
        }
        else if (g.error is not null)
        {
            Panics.Report(g, g.error);
        }

        g.Recycle();
    }

    /// <summary>
    /// Retires a goroutine that will never run again without running it: one spawned into a
    /// SyncTest bubble that has ended, or left parked in a bubble that failed.
    /// </summary>
    internal static void Discard(G g)
    {
        Volatile.Write(ref g.status, GStatus.Dead);
        AllGs.Remove(g);
        CountExit(null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountExit(M? m)
    {
        if (m?.p is P p)
        {
            p.stats.exited++;
        }
        else
        {
            Interlocked.Increment(ref s_exitedOffP);
        }
    }

    /// <summary>Live goroutines: spawned minus exited, summed over the Ps (Go's gcount).</summary>
    internal static long GoroutineCount()
    {
        long n = Volatile.Read(ref s_spawnedOffP) - Volatile.Read(ref s_exitedOffP);
        foreach (P p in allp)
        {
            n += Volatile.Read(ref p.stats.spawned) - Volatile.Read(ref p.stats.exited);
        }

        return n;
    }
}
