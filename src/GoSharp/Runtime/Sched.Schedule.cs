namespace GoSharp.Runtime;

/// <summary>
/// The M's loop: Go's schedule / findRunnable / stealWork / execute.
/// </summary>
internal static partial class Sched
{
    /// <summary>Go's stealTries: rounds over the other Ps before giving up.</summary>
    private const int StealTries = 4;

    /// <summary>How long a spinning M keeps looking before it gives its P back.</summary>
    private const long SpinForWorkNs = 30_000;

    /// <summary>One round of scheduling: find a runnable goroutine and run it; forever.</summary>
    private static void Schedule(M m)
    {
        while (true)
        {
            G g = FindRunnable(m, out bool inheritTime);
            if (m.spinning)
            {
                ResetSpinning(m);
            }

            Execute(m, g, inheritTime);
        }
    }

    /// <summary>
    /// Finds a goroutine to run: local queue, global queue, other Ps' queues; otherwise gives
    /// the P back and sleeps until woken with a P. Returns with <c>m.p</c> held.
    /// </summary>
    private static G FindRunnable(M m, out bool inheritTime)
    {
        while (true)
        {
            P p = m.p!;
            if (Volatile.Read(ref p.stuck) != 0)
            {
                Unstick(p);
            }

            if (Overcommitted && ShedP(m))
            {
                StopM(m);
                continue;
            }

            RunTimers(p);

            // Fairness: now and then look at the global queue first, so that a local queue that
            // never runs dry cannot starve it.
            G? g = p.schedtick % 61 == 0 ? TryGlobalRunqGet(p, 1) : null;
            if (g is not null)
            {
                inheritTime = false;
                return g;
            }

            g = p.RunqGet(out inheritTime) ?? TryGlobalRunqGet(p, 0);
            if (g is not null)
            {
                return g;
            }

            // Steal, unless enough Ms are spinning already (at most half the busy Ps).
            if (m.spinning || 2 * Volatile.Read(ref nmspinning) < gomaxprocs - Volatile.Read(ref idleProcs))
            {
                if (!m.spinning)
                {
                    m.spinning = true;
                    Interlocked.Increment(ref nmspinning);
                }

                g = SpinForWork(m, p);
                if (g is not null)
                {
                    return g;
                }
            }

            // Nothing to do. Give the P back, checking the global queue under the same lock so
            // that a goroutine put there meanwhile is not stranded.
            lock (schedLock)
            {
                if (s_runq.Count != 0)
                {
                    return GlobalRunqGetLocked(p, 0)!;
                }

                ReleaseP(m);
                PidlePutLocked(p);
            }

            // Stop spinning only after the P is idle: a readier that saw us spinning skipped
            // waking anyone, so recheck every queue once more before sleeping (Go's
            // "delicate dance"; see the comment in Go's findRunnable).
            if (m.spinning)
            {
                m.spinning = false;
                Interlocked.Decrement(ref nmspinning);
                if (TryReacquireForPendingWork(m))
                {
                    continue;
                }
            }

            StopM(m);
        }
    }

    /// <summary>After dropping the P: if any queue has work, take a P again and go back to spinning.</summary>
    private static bool TryReacquireForPendingWork(M m)
    {
        bool work = !GlobalRunqEmpty;
        foreach (P pp in allp)
        {
            work |= !pp.RunqEmpty();
        }

        if (!work)
        {
            return false;
        }

        P? p;
        lock (schedLock)
        {
            p = PidleGetLocked();
        }

        if (p is null)
        {
            return false;
        }

        AcquireP(m, p);
        m.spinning = true;
        Interlocked.Increment(ref nmspinning);
        return true;
    }

    /// <summary>
    /// Steals from other Ps, and keeps polling for a short while if there is nothing to steal:
    /// work tends to appear a few microseconds after a spinner starts looking, and catching it
    /// here saves a thread sleep and wake-up on both sides.
    /// </summary>
    private static G? SpinForWork(M m, P p)
    {
        long deadline = 0;
        while (true)
        {
            // Timers of other Ps (idle ones, or one whose M is busy or blocked) are ours to run too.
            RunAllTimers();
            G? g = p.RunqGet(out _) ?? StealWork(p) ?? TryGlobalRunqGet(p, 0);
            if (g is not null)
            {
                return g;
            }

            long now = Nanotime.Now();
            if (deadline == 0)
            {
                deadline = now + SpinForWorkNs;
            }
            else if (now >= deadline || Overcommitted)
            {
                return null;
            }

            Thread.SpinWait(20);
        }
    }

    /// <summary>Up to four rounds over the other Ps in random order, stealing half a queue (Go's stealWork).</summary>
    private static G? StealWork(P p)
    {
        P[] ps = allp;
        int n = ps.Length;
        for (int round = 0; round < StealTries; round++)
        {
            bool stealRunNext = round == StealTries - 1;
            int start = FastRand.Next(n);
            for (int i = 0; i < n; i++)
            {
                P victim = ps[(start + i) % n];
                if (victim == p)
                {
                    continue;
                }

                G? g = p.RunqSteal(victim, stealRunNext);
                if (g is not null)
                {
                    return g;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="g"/> until it parks, yields or exits (Go's execute). A goroutine is a
    /// chain of frames: when the innermost one finishes, control returns here and the loop resumes
    /// its parent (a trampoline, so stacks never grow with call depth). A SyncTest bubble's
    /// scheduler calls it too, on a thread without a P, always with <paramref name="inheritTime"/>.
    /// </summary>
    internal static void Execute(M m, G g, bool inheritTime)
    {
        P p = m.p!;
        if (!inheritTime)
        {
            p.schedtick++;
        }

        m.curg = g;
        Volatile.Write(ref g.status, GStatus.Running);
        g.preempt = false;
        Frame f = g.frame;
        while (true)
        {
            m.outcome = FrameOutcome.Running;
            try
            {
                f.MoveNext();
            }
            catch (Exception e)
            {
                // State machines route exceptions to their builder; reaching here is a runtime
                // fault. Kill the goroutine and report it like any panic rather than lose it.
                g.error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                g.completed = true;
                m.outcome = FrameOutcome.Exit;
            }

            switch (m.outcome)
            {
                case FrameOutcome.Return:
                    f = g.frame;
                    continue;

                case FrameOutcome.Park:
                    if (Interlocked.CompareExchange(ref g.status, GStatus.Waiting, GStatus.Parking) == GStatus.Parking)
                    {
                        break;
                    }

                    // Readied while we were unwinding: just keep running it.
                    Volatile.Write(ref g.status, GStatus.Running);
                    f = g.frame;
                    continue;

                case FrameOutcome.Yield:
                    Volatile.Write(ref g.status, GStatus.Runnable);
                    m.curg = null;
                    if (g.run?.bubble is GoSharp.Testing.Bubble bubble)
                    {
                        bubble.Requeue(g);
                    }
                    else
                    {
                        GlobalRunqPut(g);
                    }

                    return;

                case FrameOutcome.Exit:
                    m.curg = null;
                    Goexit(m, g);
                    return;

                default:
                    // The frame returned without suspending or finishing: a GoTask was dropped
                    // or awaited late. Kill the goroutine with a report instead of the thread.
                    g.error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(new InvalidOperationException(
                        $"goroutine {g.goid} returned to the scheduler without parking, yielding or finishing: " +
                        "a GoTask was created but not awaited immediately."));
                    m.curg = null;
                    Goexit(m, g);
                    return;
            }

            break;
        }

        m.curg = null;
    }
}
