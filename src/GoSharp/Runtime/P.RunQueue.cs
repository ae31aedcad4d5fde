namespace GoSharp.Runtime;

/// <summary>
/// The P's local run queue: Go's runqput / runqget / runqgrab / runqsteal.
/// </summary>
/// <remarks>
/// A fixed ring of 256 goroutines with one producer (the owning M) and many consumers (the owner
/// and thieves). Invariants, as in Go's proc.go:
/// <list type="bullet">
/// <item><c>_runqtail</c> is written only by the owner, with release semantics, after the slot
/// it publishes has been written; consumers read it with acquire semantics.</item>
/// <item><c>_runqhead</c> is advanced only by CAS, by whichever consumer claims the slots
/// between the old and the new head; a consumer reads the slots before its CAS, and the CAS
/// failing means it must not use what it read.</item>
/// <item><c>tail - head</c> never exceeds the ring size; a full ring spills half of itself to
/// the global queue (<see cref="RunqPutSlow"/>).</item>
/// <item><c>_runnext</c> is changed only by CAS (owner and thieves alike); the owner's CAS that
/// puts a goroutine there is also the full fence that <see cref="Sched.Wakep"/> relies on after
/// a ready (see its remarks).</item>
/// <item><c>_runnext</c> holds the goroutine readied most recently by the goroutine now running.
/// It runs next and inherits the current time slice, which keeps producer/consumer pairs on one
/// P and hot in its cache. Thieves take it only in their last round.</item>
/// </list>
/// Consumed slots are not cleared (a thief could otherwise erase a slot the owner has already
/// refilled): at most 256 stale references per P, each to a pooled or reusable goroutine.
/// </remarks>
internal sealed partial class P
{
    internal const int RunQueueSize = 256;
    private const int RunQueueMask = RunQueueSize - 1;

    private uint _runqhead;
    private uint _runqtail;
    private readonly GSlot[] _runq = new GSlot[RunQueueSize];
    private G? _runnext;

    /// <summary>Scratch for <see cref="RunqPutSlow"/>; used only by the owner.</summary>
    private readonly GSlot[] _spill = new GSlot[RunQueueSize / 2 + 1];

    /// <summary>
    /// Puts <paramref name="g"/> on the local queue. With <paramref name="next"/> it goes to
    /// <c>runnext</c> and the goroutine it displaces goes to the tail. Owner only.
    /// </summary>
    internal void RunqPut(G g, bool next)
    {
        if (next)
        {
            G? old = Volatile.Read(ref _runnext);
            while (true)
            {
                G? seen = Interlocked.CompareExchange(ref _runnext, g, old);
                if (seen == old)
                {
                    break;
                }

                old = seen;
            }

            if (old is null)
            {
                return;
            }

            g = old;
        }

        while (true)
        {
            uint h = Volatile.Read(ref _runqhead);
            uint t = _runqtail;
            if (t - h < RunQueueSize)
            {
                // Release: a consumer that reads the new tail (acquire) sees the slot. Not a full
                // fence: a Wakep after this needs one from elsewhere (Sched.Wakep's remarks).
                _runq[t & RunQueueMask].g = g;
                Volatile.Write(ref _runqtail, t + 1);
                return;
            }

            if (RunqPutSlow(g, h, t))
            {
                return;
            }

            // The queue is not full any more (a thief took some); try the fast path again.
        }
    }

    /// <summary>Moves half the full local queue plus <paramref name="g"/> to the global queue.</summary>
    private bool RunqPutSlow(G g, uint h, uint t)
    {
        uint n = (t - h) / 2;
        for (uint i = 0; i < n; i++)
        {
            _spill[i] = _runq[(h + i) & RunQueueMask];
        }

        if (Interlocked.CompareExchange(ref _runqhead, h + n, h) != h)
        {
            return false;
        }

        _spill[n].g = g;
        Sched.GlobalRunqPutBatch(_spill.AsSpan(0, (int)n + 1));
        Array.Clear(_spill);
        return true;
    }

    /// <summary>
    /// Takes the next goroutine to run: <c>runnext</c> first (which inherits the time slice),
    /// then the head of the ring. Safe for any consumer, normally the owner.
    /// </summary>
    internal G? RunqGet(out bool inheritTime)
    {
        // Acquire read of runnext, then a CAS that claims it: only one consumer gets it.
        G? next = Volatile.Read(ref _runnext);
        if (next is not null && Interlocked.CompareExchange(ref _runnext, null, next) == next)
        {
            inheritTime = true;
            return next;
        }

        inheritTime = false;
        while (true)
        {
            // Head before tail, both acquire: the tail read sees every slot published up to it.
            uint h = Volatile.Read(ref _runqhead);
            uint t = Volatile.Read(ref _runqtail);
            if (t == h)
            {
                return null;
            }

            G? g = _runq[h & RunQueueMask].g;
            if (Interlocked.CompareExchange(ref _runqhead, h + 1, h) == h)
            {
                return g;
            }
        }
    }

    /// <summary>True if the local queue and runnext are both empty (a consistent snapshot).</summary>
    internal bool RunqEmpty()
    {
        while (true)
        {
            uint head = Volatile.Read(ref _runqhead);
            uint tail = Volatile.Read(ref _runqtail);
            G? next = Volatile.Read(ref _runnext);
            if (tail == Volatile.Read(ref _runqtail))
            {
                return head == tail && next is null;
            }
        }
    }

    /// <summary>Approximate number of queued goroutines (for statistics and schedtrace).</summary>
    internal int RunqSize => (int)(Volatile.Read(ref _runqtail) - Volatile.Read(ref _runqhead))
        + (Volatile.Read(ref _runnext) is null ? 0 : 1);

    /// <summary>
    /// Claims half of this P's queue into <paramref name="batch"/> starting at
    /// <paramref name="batchHead"/>; with <paramref name="stealRunNext"/>, takes <c>runnext</c>
    /// when the ring is empty. Called by a thief on its victim. Returns the number claimed.
    /// </summary>
    private uint RunqGrab(GSlot[] batch, uint batchHead, bool stealRunNext)
    {
        while (true)
        {
            uint h = Volatile.Read(ref _runqhead);
            uint t = Volatile.Read(ref _runqtail);
            uint n = t - h;
            n -= n / 2;
            if (n == 0)
            {
                if (stealRunNext)
                {
                    G? next = Volatile.Read(ref _runnext);
                    if (next is not null)
                    {
                        if (Volatile.Read(ref status) == PStatus.Running)
                        {
                            // The owner is probably about to run it (the goroutine that readied
                            // it is parking). Give it a moment, as Go's usleep(3) does, so a
                            // producer/consumer pair is not torn across two Ps for nothing.
                            Thread.SpinWait(200);
                            if (Volatile.Read(ref _runnext) != next)
                            {
                                continue;
                            }
                        }

                        if (Interlocked.CompareExchange(ref _runnext, null, next) != next)
                        {
                            continue;
                        }

                        batch[batchHead & RunQueueMask].g = next;
                        return 1;
                    }
                }

                return 0;
            }

            if (n > RunQueueSize / 2)
            {
                continue; // read an inconsistent head and tail
            }

            for (uint i = 0; i < n; i++)
            {
                batch[(batchHead + i) & RunQueueMask] = _runq[(h + i) & RunQueueMask];
            }

            if (Interlocked.CompareExchange(ref _runqhead, h + n, h) == h)
            {
                return n;
            }
        }
    }

    /// <summary>
    /// Steals half of <paramref name="victim"/>'s queue into this P's queue and returns one of
    /// the stolen goroutines to run now. Called by this P's owner.
    /// </summary>
    internal G? RunqSteal(P victim, bool stealRunNext)
    {
        uint t = _runqtail;
        uint n = victim.RunqGrab(_runq, t, stealRunNext);
        if (n == 0)
        {
            return null;
        }

        stats.steals++;
        stats.stolenGoroutines += n;
        n--;
        G? g = _runq[(t + n) & RunQueueMask].g;
        if (n == 0)
        {
            return g;
        }

        uint h = Volatile.Read(ref _runqhead);
        if (t - h + n >= RunQueueSize)
        {
            throw new InvalidOperationException("runqsteal: runq overflow");
        }

        // Release: the stolen slots were written above, before the tail that publishes them.
        Volatile.Write(ref _runqtail, t + n);
        return g;
    }

    /// <summary>
    /// Empties the local queue and runnext into the global queue. Safe for any consumer:
    /// used by the owner when it gives the P up and by sysmon when the owner is stuck.
    /// </summary>
    internal void RunqDrainToGlobal()
    {
        if (RunqGet(out _) is not G first)
        {
            return;
        }

        lock (Sched.schedLock)
        {
            for (G? g = first; g is not null; g = RunqGet(out _))
            {
                Sched.GlobalRunqPutLocked(g);
            }
        }
    }
}
