namespace GoSharp.Runtime;

/// <summary>
/// Timers serviced by the scheduler (Go's checkTimers, and netpoll's role of sleeping until the
/// next timer): no thread per timer and none per sleeping goroutine.
/// </summary>
/// <remarks>
/// Timers live in per-P heaps. A running M runs its P's due timers each time it schedules, and
/// looks at the other Ps' heaps when it runs out of work. When every M is idle, one of them (the
/// <em>timer sleeper</em>) sleeps only until the earliest timer, runs what is due, and goes back
/// to sleep; arming a timer earlier than that wakes it. Firing readies goroutines, which wakes Ms
/// as any ready does.
/// </remarks>
internal static partial class Sched
{
    private static M? s_timerSleeper;
    private static long s_timerSleepUntil = long.MaxValue;

    /// <summary>Arms <paramref name="t"/> in the current P's heap (any P's, off the scheduler).</summary>
    internal static void AddTimer(RuntimeTimer t)
    {
        EnsureStarted();
        P[] ps = allp;
        P p = M.Current?.p ?? ps[(int)((uint)Environment.CurrentManagedThreadId % (uint)ps.Length)];
        p.timers.Add(t);
        WakeForTimer(t.when);
    }

    /// <summary>
    /// Makes sure some M will run a timer due at <paramref name="when"/> that is already in a heap:
    /// wakes the timer sleeper if it would sleep past it, or starts a spinning M if there is none.
    /// </summary>
    private static void WakeForTimer(long when)
    {
        // Dekker with ClaimTimerSleep: the timer is published (heap lock released); now look at
        // the sleeper. Either it sees our timer when it rechecks, or we see it and wake it.
        Interlocked.MemoryBarrier();
        if (when < Volatile.Read(ref s_timerSleepUntil))
        {
            if (Volatile.Read(ref s_timerSleeper) is M sleeper)
            {
                sleeper.park.Wakeup();
            }
            else
            {
                Wakep();
            }
        }
    }

    /// <summary>Disarms <paramref name="t"/>; true if it was armed.</summary>
    internal static bool RemoveTimer(RuntimeTimer t)
    {
        while (t.heap is TimerHeap heap)
        {
            if (heap.Remove(t))
            {
                TimersChanged();
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Timers fired or were stopped: if the runtime may be deadlocked now (no timer left to wait
    /// for), sysmon must look again even though no goroutine became runnable.
    /// </summary>
    private static void TimersChanged()
    {
        if (DeadlockDetector.Watching)
        {
            Sysmon.Wake();
        }
    }

    /// <summary>When the earliest timer of any P fires (<see cref="long.MaxValue"/> if none).</summary>
    internal static long EarliestTimer()
    {
        long earliest = long.MaxValue;
        foreach (P p in allp)
        {
            earliest = Math.Min(earliest, p.timers.Next);
        }

        return earliest;
    }

    /// <summary>Runs <paramref name="p"/>'s due timers (Go's checkTimers).</summary>
    private static void RunTimers(P p)
    {
        if (p.timers.Next != long.MaxValue)
        {
            p.timers.RunExpired(Nanotime.Now());
        }
    }

    /// <summary>Runs every P's due timers; true if any fired.</summary>
    private static bool RunAllTimers()
    {
        long now = 0;
        int fired = 0;
        foreach (P p in allp)
        {
            if (p.timers.Next != long.MaxValue)
            {
                if (now == 0)
                {
                    now = Nanotime.Now();
                }

                fired += p.timers.RunExpired(now);
            }
        }

        if (fired > 0)
        {
            TimersChanged();
        }

        return fired > 0;
    }

    /// <summary>
    /// An M about to sleep becomes the timer sleeper if there are timers and nobody watches them.
    /// Returns how long it may sleep in milliseconds (<see cref="Timeout.Infinite"/> if it is not the sleeper).
    /// </summary>
    private static int ClaimTimerSleep(M m)
    {
        long earliest = EarliestTimer();
        if (earliest == long.MaxValue || Interlocked.CompareExchange(ref s_timerSleeper, m, null) is not null)
        {
            return Timeout.Infinite;
        }

        Volatile.Write(ref s_timerSleepUntil, earliest);
        Interlocked.MemoryBarrier();
        earliest = Math.Min(earliest, EarliestTimer()); // armed while we were claiming
        long waitNs = earliest - Nanotime.Now();
        return waitNs <= 0 ? 0 : (int)Math.Min(int.MaxValue, (waitNs + 999_999) / 1_000_000);
    }

    private static void ReleaseTimerSleep(M m)
    {
        if (Volatile.Read(ref s_timerSleeper) == m)
        {
            Volatile.Write(ref s_timerSleepUntil, long.MaxValue);
            Volatile.Write(ref s_timerSleeper, null);
        }
    }

    internal static int TimerCount()
    {
        int n = 0;
        foreach (P p in allp)
        {
            n += p.timers.Count;
        }

        return n;
    }
}
