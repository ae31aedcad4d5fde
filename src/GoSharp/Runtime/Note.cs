namespace GoSharp.Runtime;

/// <summary>
/// A one-shot sleep/wakeup for OS threads: Go's <c>note</c> (notesleep / notewakeup / noteclear).
/// </summary>
/// <remarks>
/// Used by idle Ms, by sysmon, and by threads that block in a synchronous GoSharp operation.
/// Protocol: the sleeper calls <see cref="Clear"/> before it publishes itself (on an idle list,
/// in a wait queue), then <see cref="Sleep(int)"/>; exactly one party calls <see cref="Wakeup"/>.
///
/// The sleeper first polls for a short while: a wake-up that arrives within microseconds (the
/// common case when two goroutines hand work back and forth across Ps) then costs no system call
/// on either side. Only after that does it block on a monitor. Lost wake-ups are excluded by a
/// Dekker pair: the waker writes <c>_signaled</c> then reads <c>_sleeping</c>; the sleeper writes
/// <c>_sleeping</c> then reads <c>_signaled</c>, each with a full fence in between.
/// </remarks>
internal sealed class Note
{
    private int _signaled;
    private int _sleeping;
    private readonly object _gate = new();

    /// <summary>Arms the note for the next <see cref="Sleep(int)"/>.</summary>
    internal void Clear() => Volatile.Write(ref _signaled, 0);

    /// <summary>True once <see cref="Wakeup"/> has been called since the last <see cref="Clear"/>.</summary>
    internal bool IsSignaled => Volatile.Read(ref _signaled) != 0;

    /// <summary>Wakes the sleeper (or makes its next sleep return at once).</summary>
    internal void Wakeup()
    {
        Interlocked.Exchange(ref _signaled, 1);
        if (Volatile.Read(ref _sleeping) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Sleeps until woken.</summary>
    /// <param name="spinIterations">How many short polls to make before blocking the thread.</param>
    internal void Sleep(int spinIterations) => Sleep(spinIterations, Timeout.Infinite);

    /// <summary>Sleeps until woken or until the timeout elapses.</summary>
    /// <returns>True if woken, false on timeout.</returns>
    internal bool Sleep(int spinIterations, int timeoutMs)
    {
        for (int i = 0; i < spinIterations; i++)
        {
            if (Volatile.Read(ref _signaled) != 0)
            {
                return true;
            }

            Thread.SpinWait(16);
        }

        lock (_gate)
        {
            Interlocked.Exchange(ref _sleeping, 1);
            try
            {
                if (timeoutMs == Timeout.Infinite)
                {
                    while (Volatile.Read(ref _signaled) == 0)
                    {
                        Monitor.Wait(_gate);
                    }

                    return true;
                }

                long deadline = Environment.TickCount64 + timeoutMs;
                while (Volatile.Read(ref _signaled) == 0)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0 || !Monitor.Wait(_gate, (int)left))
                    {
                        return Volatile.Read(ref _signaled) != 0;
                    }
                }

                return true;
            }
            finally
            {
                Volatile.Write(ref _sleeping, 0);
            }
        }
    }
}
