namespace GoSharp.Runtime;

/// <summary>
/// A processor: Go's <c>p</c>. An M must hold a P to run goroutines; there are GOMAXPROCS of
/// them in use at once, so GOMAXPROCS bounds how many threads run goroutine code in parallel.
/// </summary>
/// <remarks>
/// A P owns what a running M needs without synchronisation: its local run queue (this file's
/// partial twin <c>P.RunQueue.cs</c>), its <c>runnext</c> slot, its object caches and its
/// goroutine-id batch. Only the owning M writes them; other Ms only steal, with atomics.
/// </remarks>
internal sealed partial class P
{
    /// <summary>Index in <see cref="Sched.allp"/>.</summary>
    internal readonly int id;

    /// <summary><see cref="PStatus"/>; changed under the scheduler lock.</summary>
    internal int status;

    /// <summary>The M holding this P (null while idle).</summary>
    internal M? m;

    /// <summary>Link in the idle-P list.</summary>
    internal P? link;

    /// <summary>
    /// Incremented on every scheduling decision that starts a new time slice. sysmon watches it:
    /// a P whose tick has not moved for 10 ms runs a goroutine that needs preempting.
    /// </summary>
    internal uint schedtick;

    /// <summary>
    /// 1 while the P's M is blocked in a synchronous operation or stuck in code that never
    /// reaches a checkpoint. A stuck P does not count against GOMAXPROCS, so another M may take
    /// a P and keep the other goroutines running (Go's syscall handoff). Set with CAS by the M
    /// itself or by sysmon; cleared only by the M.
    /// </summary>
    internal int stuck;

    /// <summary>Timers armed on this P (any thread may arm one; the owner runs them).</summary>
    internal readonly TimerHeap timers = new();

    /// <summary>Pools of boxes and goroutines, used only by the owning M.</summary>
    internal readonly ObjectCache cache = new();

    /// <summary>The goroutines started on this P (its table of <see cref="AllGs"/>), written only by the M holding the P.</summary>
    internal readonly AllGs.Table gs;

    /// <summary>Per-P counters, summed on demand by <see cref="Sched.ReadStats"/>.</summary>
    internal PStats stats;

    private long _goidcache;
    private long _goidcacheend;

    internal P(int id)
    {
        this.id = id;
        gs = new AllGs.Table(id + 2);
        status = PStatus.Idle;
    }

    /// <summary>Allocates a goroutine id from this P's batch (Go's goidcache).</summary>
    internal long NextGoid()
    {
        if (_goidcache == _goidcacheend)
        {
            const int batch = 16;
            _goidcacheend = Interlocked.Add(ref Sched.goidgen, batch) + 1;
            _goidcache = _goidcacheend - batch;
        }

        return _goidcache++;
    }
}
