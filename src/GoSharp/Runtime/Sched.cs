namespace GoSharp.Runtime;

/// <summary>
/// The scheduler: Go's <c>runtime/proc.go</c> in C#.
/// </summary>
/// <remarks>
/// <para>
/// Design (after the comment that opens Go's proc.go). The scheduler distributes ready-to-run
/// goroutines (G) over worker threads (M). An M must hold a processor (P) to run goroutines, and
/// there are GOMAXPROCS Ps, so at most GOMAXPROCS threads run goroutine code at once while any
/// number of goroutines may be parked at no thread cost. Each P has a local run queue; a global
/// queue takes overflow and goroutines readied from outside the scheduler. An M without work
/// steals half of another P's queue; if it finds nothing it gives its P back and sleeps.
/// </para>
/// <para>
/// Worker parking and unparking balance two needs: keep enough Ms running to use the hardware,
/// and park the rest to save CPU. As in Go, an M that readies a goroutine wakes another M only
/// if there is an idle P and no M is already <em>spinning</em> (looking for work); a spinning M
/// that finds work wakes another spinner before running it. Spinning Ms are limited to half the
/// busy Ps. A spinning M keeps polling for a few tens of microseconds before it gives up its P:
/// goroutines that hand work back and forth then never pay for a thread wake-up (the "wake-up
/// cliff"; see docs/design.md, "Performance targets, and why").
/// </para>
/// <para>
/// Where this differs from Go, and why:
/// <list type="bullet">
/// <item>Goroutines are state machines, not stacks (see <see cref="Frame"/>); parking returns from
/// the state machine to the M's loop, so there is no stack switch and no g0.</item>
/// <item>.NET cannot interrupt a running thread, so preemption is cooperative: sysmon sets
/// <see cref="G.preempt"/> and the goroutine yields at its next checkpoint (the generator puts
/// one at method entry and on every loop back-edge).</item>
/// <item>Handoff never takes a P away from its M. An M blocked in a synchronous operation, or
/// stuck in code that never reaches a checkpoint, keeps its P but the P is marked
/// <see cref="P.stuck"/> and stops counting against GOMAXPROCS, so another M may take another P.
/// The blocked M therefore never races a new owner for its run queue; when it comes back it sheds
/// a P if there are now too many (see <see cref="ShedP"/>).</item>
/// </list>
/// </para>
/// <para>
/// Locking: <see cref="schedLock"/> protects the global run queue, the idle P and idle M lists
/// and the P counters (Go's sched.lock). Local run queues, runnext and goroutine statuses are
/// lock-free. Lock order: a channel or sync lock may be held while taking schedLock, never the
/// reverse.
/// </para>
/// </remarks>
internal static partial class Sched
{
    /// <summary>Go's sched.lock.</summary>
    internal static readonly object schedLock = new();

    /// <summary>Every P ever created, indexed by <see cref="P.id"/>; replaced (copy on write) when it grows.</summary>
    internal static volatile P[] allp = Array.Empty<P>();

    /// <summary>The GOMAXPROCS setting.</summary>
    internal static int gomaxprocs;

    /// <summary>Ps held by an M that is not stuck. Under <see cref="schedLock"/>.</summary>
    private static int s_nrunning;

    /// <summary>Ps held by a stuck M (blocked or non-cooperative). Under <see cref="schedLock"/>.</summary>
    internal static int nstuck;

    /// <summary>
    /// GOMAXPROCS minus the running Ps: how many more Ms may take a P now (Go's npidle). Written
    /// under the lock, read without it by <see cref="Wakep"/>. Negative when overcommitted.
    /// </summary>
    internal static int idleProcs;

    /// <summary>Number of spinning Ms (Go's nmspinning).</summary>
    internal static int nmspinning;

    /// <summary>Source of goroutine ids; Ps take them in batches.</summary>
    internal static long goidgen;

    private static P? s_pidle;
    private static M? s_midle;
    private static int s_nmidle;

    /// <summary>Every M ever created (Go's allm), for dumps; replaced (copy on write) when it grows.</summary>
    internal static volatile M[] allm = Array.Empty<M>();

    /// <summary>The global run queue (Go's sched.runq); guarded by <see cref="schedLock"/>.</summary>
    private static readonly GlobalRunQueue s_runq = new();

    private static int s_started;

    /// <summary>Starts the scheduler on first use: creates the Ps and the sysmon thread.</summary>
    internal static void EnsureStarted()
    {
        if (Volatile.Read(ref s_started) != 0)
        {
            return;
        }

        lock (schedLock)
        {
            if (s_started != 0)
            {
                return;
            }

            gomaxprocs = DefaultProcs();
            ResizeLocked(gomaxprocs);
            Volatile.Write(ref s_started, 1);
        }

        Sysmon.Start();
        _ = GoSharpEventSource.Log; // visible to dotnet-counters from the first goroutine on
    }

    /// <summary>GOMAXPROCS from the environment, else the processor count.</summary>
    private static int DefaultProcs()
    {
        string? env = Environment.GetEnvironmentVariable("GOMAXPROCS");
        return int.TryParse(env, out int n) && n > 0 ? n : Environment.ProcessorCount;
    }

    /// <summary>Sets GOMAXPROCS; returns the previous value. <paramref name="n"/> &lt; 1 only queries.</summary>
    internal static int SetMaxProcs(int n)
    {
        EnsureStarted();
        int previous;
        lock (schedLock)
        {
            previous = gomaxprocs;
            if (n < 1 || n == previous)
            {
                return previous;
            }

            gomaxprocs = n;
            ResizeLocked(n);
        }

        // Fewer Ps: running goroutines yield at their next checkpoint, and their Ms shed the
        // surplus Ps in schedule. More Ps: start Ms for whatever is queued.
        PreemptAll();
        for (int i = previous; i < n && !GlobalRunqEmpty; i++)
        {
            Wakep();
        }

        return previous;
    }

    /// <summary>Creates Ps up to <paramref name="n"/> and recomputes the capacity counters.</summary>
    private static void ResizeLocked(int n)
    {
        P[] current = allp;
        if (current.Length < n)
        {
            var grown = new P[n];
            Array.Copy(current, grown, current.Length);
            for (int i = current.Length; i < n; i++)
            {
                grown[i] = new P(i);
                grown[i].link = s_pidle;
                s_pidle = grown[i];
            }

            allp = grown;
        }

        UpdateCapacityLocked();
    }

    private static void UpdateCapacityLocked()
    {
        Volatile.Write(ref idleProcs, gomaxprocs - s_nrunning);
        if (s_nrunning == 0 && DeadlockDetector.Watching)
        {
            Sysmon.Wake(); // everything stopped: sysmon checks for a deadlock
        }
    }

    /// <summary>True when no P runs goroutines (each is idle, or stuck with an M blocked outside).</summary>
    internal static bool NothingRunning => Volatile.Read(ref idleProcs) >= Volatile.Read(ref gomaxprocs);

    /// <summary>True when more Ps are running than GOMAXPROCS allows.</summary>
    internal static bool Overcommitted => Volatile.Read(ref idleProcs) < 0;

    // ---- global run queue (Go's globrunqput / globrunqget) ----

    internal static bool GlobalRunqEmpty => s_runq.Count == 0;

    internal static int GlobalRunqSize => s_runq.Count;

    /// <summary>Puts a goroutine at the tail of the global queue.</summary>
    internal static void GlobalRunqPut(G g)
    {
        lock (schedLock)
        {
            GlobalRunqPutLocked(g);
        }
    }

    /// <summary>Puts a goroutine at the tail of the global queue; the caller holds <see cref="schedLock"/>.</summary>
    internal static void GlobalRunqPutLocked(G g) => s_runq.Put(g);

    /// <summary>Puts a batch at the tail of the global queue, in order.</summary>
    internal static void GlobalRunqPutBatch(ReadOnlySpan<GSlot> batch)
    {
        lock (schedLock)
        {
            s_runq.PutBatch(batch);
        }
    }

    /// <summary>
    /// Takes a batch from the global queue: one to run, the rest into <paramref name="p"/>'s
    /// local queue (at most half of it; <paramref name="max"/> limits the batch when non-zero).
    /// Must hold <see cref="schedLock"/>.
    /// </summary>
    private static G? GlobalRunqGetLocked(P p, int max)
    {
        int size = s_runq.Count;
        if (size == 0)
        {
            return null;
        }

        int n = Math.Min(size, size / allp.Length + 1);
        if (max > 0 && n > max)
        {
            n = max;
        }

        if (n > P.RunQueueSize / 2)
        {
            n = P.RunQueueSize / 2;
        }

        G g = s_runq.Pop();
        while (--n > 0)
        {
            p.RunqPut(s_runq.Pop(), next: false);
        }

        return g;
    }

    /// <summary>Takes from the global queue for <paramref name="p"/>, if it is not empty.</summary>
    private static G? TryGlobalRunqGet(P p, int max)
    {
        if (GlobalRunqEmpty)
        {
            return null;
        }

        lock (schedLock)
        {
            return GlobalRunqGetLocked(p, max);
        }
    }

    // ---- idle Ps and Ms (Go's pidleget / pidleput / mget / mput) ----

    /// <summary>
    /// Takes a P if GOMAXPROCS allows another running P: an idle one, or a new one when the
    /// existing ones are all held (some by stuck Ms). Must hold <see cref="schedLock"/>.
    /// </summary>
    private static P? PidleGetLocked()
    {
        if (s_nrunning >= gomaxprocs)
        {
            return null;
        }

        P? p = s_pidle;
        if (p is not null)
        {
            s_pidle = p.link;
            p.link = null;
        }
        else
        {
            p = NewPLocked();
        }

        p.status = PStatus.Running;
        s_nrunning++;
        UpdateCapacityLocked();
        return p;
    }

    private static P NewPLocked()
    {
        P[] current = allp;
        var grown = new P[current.Length + 1];
        Array.Copy(current, grown, current.Length);
        var p = new P(current.Length);
        grown[^1] = p;
        allp = grown;
        return p;
    }

    /// <summary>Returns a held P to the idle list. Must hold <see cref="schedLock"/>.</summary>
    private static void PidlePutLocked(P p)
    {
        p.status = PStatus.Idle;
        p.link = s_pidle;
        s_pidle = p;

        // sysmon may have marked the P stuck just as its M stopped running goroutines; a stuck
        // P is counted in nstuck instead of s_nrunning. (If sysmon's CAS won but its counter
        // update is still waiting for the lock, the two updates below and in Handoff cancel.)
        if (Interlocked.Exchange(ref p.stuck, 0) == 1)
        {
            nstuck--;
        }
        else
        {
            s_nrunning--;
        }

        UpdateCapacityLocked();
    }

    private static M? MgetLocked()
    {
        M? m = s_midle;
        if (m is not null)
        {
            s_midle = m.schedlink;
            m.schedlink = null;
            s_nmidle--;
        }

        return m;
    }

    private static void MputLocked(M m)
    {
        m.schedlink = s_midle;
        s_midle = m;
        s_nmidle++;
    }

    private static void AcquireP(M m, P p)
    {
        m.p = p;
        p.m = m;
    }

    private static P ReleaseP(M m)
    {
        P p = m.p!;
        m.p = null;
        p.m = null;
        return p;
    }

    /// <summary>Asks every running goroutine to yield at its next checkpoint.</summary>
    internal static void PreemptAll()
    {
        foreach (P p in allp)
        {
            if (p.m?.curg is G g)
            {
                Volatile.Write(ref g.preempt, true);
            }
        }
    }

    internal static int MCount => allm.Length;

    internal static int IdleMCount => Volatile.Read(ref s_nmidle);
}
