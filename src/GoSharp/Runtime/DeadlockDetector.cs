namespace GoSharp.Runtime;

/// <summary>
/// Go's checkdead: when nothing runs, decides whether anything can ever run again, and if not
/// fails every blocked <c>Go.Run</c> with a <see cref="DeadlockException"/>.
/// </summary>
/// <remarks>
/// <para>
/// A false report would kill a healthy program, so this errs on the side of silence. sysmon calls
/// <see cref="CheckWhenIdle"/> when every P has gone idle; a deadlock is declared only if, at two
/// checks <see cref="GraceMs"/> apart with no scheduling activity in between:
/// </para>
/// <list type="bullet">
/// <item>a <c>Go.Run</c> is waiting for its main goroutine;</item>
/// <item>no runtime timer is pending (a sleeping goroutine, a Timer, a Ticker, AfterFunc) and no
/// ThreadPool work item is queued;</item>
/// <item>every live goroutine is parked (or blocks its thread) in a channel operation, a select
/// or a sync primitive — not in <c>Await</c> of a Task, not running, not in foreign blocking code;</item>
/// <item>none of the channels or primitives they wait in was created or used by a plain thread
/// (<see cref="IWaitTarget.ReachableFromThreads"/>): such a thread might still wake them.</item>
/// </list>
/// <para>
/// What it cannot see: code outside goroutines (a thread, a Task.Run or Task.Delay continuation,
/// a callback) that has not touched GoSharp yet but holds a channel or primitive a goroutine
/// created, and will use it later. Create such objects outside the goroutine (which marks them
/// reachable from threads), or set <c>GOSHARP_DEADLOCK=0</c> to turn detection off.
/// </para>
/// </remarks>
internal static class DeadlockDetector
{
    /// <summary>How long the runtime must stay idle and unchanged before a deadlock is declared.</summary>
    internal const int GraceMs = 100;

    private static readonly bool s_enabled = Environment.GetEnvironmentVariable("GOSHARP_DEADLOCK") != "0";
    private static int s_blockingRuns;
    private static long s_lastChecked = -1;
    private static long s_stillSince = -1;

    /// <summary>True while some <c>Go.Run</c> may be deadlocked: the scheduler then wakes sysmon when it goes idle.</summary>
    internal static bool Watching => s_enabled && Volatile.Read(ref s_blockingRuns) > 0;

    /// <summary>True if the scheduler has moved since the last settled check: sysmon must not sleep yet.</summary>
    internal static bool CheckPending => Watching && Activity() != s_lastChecked;

    /// <summary>A <c>Go.Run</c> caller starts waiting.</summary>
    internal static void RunStarted() => Interlocked.Increment(ref s_blockingRuns);

    /// <summary>A <c>Go.Run</c> caller stopped waiting.</summary>
    internal static void RunEnded() => Interlocked.Decrement(ref s_blockingRuns);

    /// <summary>
    /// Called by sysmon (only) on each tick while no P runs goroutines. The goroutines are
    /// examined only once the scheduler has stayed still for a whole tick (a busy program is
    /// idle for microseconds at a time and pays nothing), and a settled answer is remembered
    /// until scheduling activity changes, so a long quiet spell costs one examination.
    /// </summary>
    internal static void CheckWhenIdle()
    {
        long activity = Activity();
        if (!Watching || activity == s_lastChecked)
        {
            return;
        }

        if (activity != s_stillSince)
        {
            s_stillSince = activity; // look again next tick, if nothing moves meanwhile
            return;
        }

        Verdict first = Examine();
        if (first != Verdict.Deadlocked)
        {
            if (first == Verdict.Alive)
            {
                s_lastChecked = activity;
            }

            return; // Unsettled: look again next tick
        }

        Thread.Sleep(GraceMs);
        if (!Sched.NothingRunning || Activity() != activity || Examine() != Verdict.Deadlocked)
        {
            return;
        }

        s_lastChecked = activity;
        foreach (G g in AllGs.Snapshot())
        {
            if (g.run is BlockingRun run && run.main == g && !run.IsFinished)
            {
                run.TryFail(new DeadlockException(GoroutineDump.Format(run)));
            }
        }
    }

    private enum Verdict
    {
        /// <summary>Something can still wake a goroutine.</summary>
        Alive,

        /// <summary>A goroutine is between states (being scheduled or parked): look again.</summary>
        Unsettled,

        /// <summary>Nothing can wake any goroutine.</summary>
        Deadlocked,
    }

    /// <summary>Decides whether any goroutine can run again (see the remarks).</summary>
    private static Verdict Examine()
    {
        if (Sched.TimerCount() > 0)
        {
            return Verdict.Alive;
        }

        if (ThreadPool.PendingWorkItemCount > 0)
        {
            return Verdict.Unsettled; // queued work may touch GoSharp when it runs
        }

        Verdict verdict = Verdict.Deadlocked;
        AllGs.All(g =>
        {
            verdict = Judge(g);
            return verdict == Verdict.Deadlocked;
        });
        return verdict;
    }

    /// <summary>Deadlocked if <paramref name="g"/> sleeps in a wait only another goroutine can end.</summary>
    private static Verdict Judge(G g)
    {
        if (g.run?.bubble is { IsFinished: false })
        {
            // A SyncTest bubble detects its own deadlocks; on its clock, a goroutine parked here
            // may be about to wake, and it may still wake goroutines outside the bubble.
            return Verdict.Alive;
        }

        if (!GoroutineDump.IsBlocked(g))
        {
            // Running with nothing running: blocked in foreign code on a stuck P, or caught
            // mid-transition.
            return Volatile.Read(ref Sched.nstuck) > 0 ? Verdict.Alive : Verdict.Unsettled;
        }

        if (!IsDeadWait(g.waitreason))
        {
            return Verdict.Alive;
        }

        for (Waiter? w = g.waiting; w is not null; w = w.Waitlink)
        {
            if (w.target is null || w.target.ReachableFromThreads)
            {
                return Verdict.Alive;
            }
        }

        return Verdict.Deadlocked;
    }

    /// <summary>Waits that only another goroutine can end.</summary>
    private static bool IsDeadWait(WaitReason reason) => reason is
        WaitReason.ChanReceive or WaitReason.ChanSend or WaitReason.ChanReceiveNilChan or
        WaitReason.ChanSendNilChan or WaitReason.Select or WaitReason.SelectNoCases or
        WaitReason.WaitGroupWait or WaitReason.MutexLock or WaitReason.RWMutexRLock or
        WaitReason.RWMutexLock or WaitReason.CondWait;

    /// <summary>Changes whenever anything is scheduled or started.</summary>
    private static long Activity()
    {
        long sum = Sched.GoroutineCount() + Sched.Handoffs + Sched.TimerCount();
        foreach (P p in Sched.allp)
        {
            sum += Volatile.Read(ref p.schedtick);
        }

        return sum;
    }
}
