using GoSharp.Channels;
using GoSharp.Runtime;

namespace GoSharp.Channels;

/// <summary>
/// The select algorithm: Go's selectgo.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Shuffle the live cases into a random <em>poll order</em> (so that among ready cases each
/// is chosen with equal probability) and sort them by channel id into a <em>lock order</em> (so
/// that two selects on the same channels can never deadlock; object addresses move in .NET, so
/// channels carry an id).</item>
/// <item>Pass 1: lock every channel, and try the cases in poll order; the first that can proceed
/// wins. With none ready, a default case wins.</item>
/// <item>Pass 2: queue one waiter per case (flagged <see cref="Waiter.isSelect"/>), unlock, park.
/// A waker must win the goroutine's <see cref="G.selectDone"/> CAS before it may use one of these
/// waiters, so exactly one case commits however many channels fire at once.</item>
/// <item>Pass 3, after waking: lock every channel again and remove the waiters of the cases that
/// did not fire; the one that fired is in <see cref="G.param"/>.</item>
/// </list>
/// A select with no live case and no default blocks forever.
/// </remarks>
internal static class SelectCore
{
    /// <summary>The most cases a select takes (Go has no limit; eight covers real code).</summary>
    internal const int MaxCases = 8;

    [ThreadStatic]
    private static FastRand t_rand;

    /// <summary>Fills the poll and lock orders with the live cases; returns how many there are.</summary>
    internal static int Order<TCases>(ref TCases cases, int count, Span<int> poll, Span<int> lockOrder)
        where TCases : struct, ISelectCases
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (cases.IsLive(i))
            {
                poll[n++] = i;
            }
        }

        for (int i = 1; i < n; i++)
        {
            int j = RandomIndex(i + 1);
            (poll[i], poll[j]) = (poll[j], poll[i]);
        }

        for (int k = 0; k < n; k++)
        {
            int i = poll[k];
            long id = cases.LockId(i);
            int at = k;
            while (at > 0 && cases.LockId(lockOrder[at - 1]) > id)
            {
                lockOrder[at] = lockOrder[at - 1];
                at--;
            }

            lockOrder[at] = i;
        }

        return n;
    }

    internal static void LockAll<TCases>(ref TCases cases, ReadOnlySpan<int> lockOrder)
        where TCases : struct, ISelectCases
    {
        for (int k = 0; k < lockOrder.Length; k++)
        {
            if (k == 0 || cases.LockId(lockOrder[k]) != cases.LockId(lockOrder[k - 1]))
            {
                cases.Lock(lockOrder[k]);
            }
        }
    }

    internal static void UnlockAll<TCases>(ref TCases cases, ReadOnlySpan<int> lockOrder)
        where TCases : struct, ISelectCases
    {
        for (int k = lockOrder.Length - 1; k >= 0; k--)
        {
            if (k == 0 || cases.LockId(lockOrder[k]) != cases.LockId(lockOrder[k - 1]))
            {
                cases.Unlock(lockOrder[k]);
            }
        }
    }

    /// <summary>Pass 1 with every channel locked: the first case in poll order that can proceed, or -1.</summary>
    internal static int Poll<TCases>(ref TCases cases, ReadOnlySpan<int> poll, out ChanResult result, out Waiter? wake)
        where TCases : struct, ISelectCases
    {
        foreach (int i in poll)
        {
            result = cases.TryLocked(i, out wake);
            if (result != ChanResult.WouldBlock)
            {
                return i;
            }
        }

        result = ChanResult.WouldBlock;
        wake = null;
        return -1;
    }

    /// <summary>
    /// Pass 1 alone (locks taken and released): the case that proceeded, the default case, or -1
    /// if the select must wait. Readies whoever the chosen case woke.
    /// </summary>
    internal static int TryNow<TCases>(ref TCases cases, ReadOnlySpan<int> poll, ReadOnlySpan<int> lockOrder, int defaultIndex)
        where TCases : struct, ISelectCases
    {
        if (poll.Length == 0)
        {
            return defaultIndex;
        }

        LockAll(ref cases, lockOrder);
        int chosen = Poll(ref cases, poll, out ChanResult result, out Waiter? wake);
        UnlockAll(ref cases, lockOrder);
        Waiter.Wake(wake);
        if (result == ChanResult.Closed)
        {
            throw Waiter.SendOnClosed();
        }

        return chosen >= 0 ? chosen : defaultIndex;
    }

    /// <summary>Pass 2 with every channel locked: a waiter for <paramref name="g"/> on every case.</summary>
    internal static void EnqueueAll<TCases>(ref TCases cases, ReadOnlySpan<int> lockOrder, G g)
        where TCases : struct, ISelectCases
    {
        Volatile.Write(ref g.selectDone, 0);
        g.waiting = null;
        foreach (int i in lockOrder)
        {
            Waiter w = cases.Enqueue(i, g);
            w.waitlink = g.waiting;
            g.waiting = w;
        }
    }

    /// <summary>
    /// Pass 3, after waking: dequeue the cases that did not fire, take the outcome of the one that
    /// did (now in the case data), release the waiters; returns the chosen index.
    /// </summary>
    internal static int AfterWake<TCases>(ref TCases cases, ReadOnlySpan<int> lockOrder, G g)
        where TCases : struct, ISelectCases
    {
        var winner = (Waiter)g.param!;
        g.param = null;
        if (lockOrder.Length > 1)
        {
            LockAll(ref cases, lockOrder);
            for (Waiter? w = g.waiting; w is not null; w = w.waitlink)
            {
                if (w != winner)
                {
                    cases.Dequeue(w.caseIndex, w);
                }
            }

            UnlockAll(ref cases, lockOrder);
        }

        int chosen = winner.caseIndex;
        bool completed = cases.Complete(chosen, winner);
        Waiter? next = g.waiting;
        g.waiting = null;
        while (next is not null)
        {
            Waiter w = next;
            next = w.waitlink;
            w.Release();
        }

        if (!completed)
        {
            throw Waiter.SendOnClosed();
        }

        return chosen;
    }

    /// <summary>The blocking select: passes 1 to 3 with the calling thread blocked in between.</summary>
    internal static int Block<TCases>(ref TCases cases, int count, int defaultIndex)
        where TCases : struct, ISelectCases
    {
        Span<int> poll = stackalloc int[MaxCases];
        Span<int> lockOrder = stackalloc int[MaxCases];
        int n = Order(ref cases, count, poll, lockOrder);
        poll = poll[..n];
        lockOrder = lockOrder[..n];
        if (n == 0)
        {
            if (defaultIndex >= 0)
            {
                return defaultIndex;
            }

            ThreadWait.BlockForever(WaitReason.SelectNoCases);
        }

        LockAll(ref cases, lockOrder);
        int chosen = Poll(ref cases, poll, out ChanResult result, out Waiter? wake);
        if (chosen >= 0 || defaultIndex >= 0)
        {
            UnlockAll(ref cases, lockOrder);
            Waiter.Wake(wake);
            if (result == ChanResult.Closed)
            {
                throw Waiter.SendOnClosed();
            }

            return chosen >= 0 ? chosen : defaultIndex;
        }

        G g = ThreadWait.Begin(WaitReason.Select);
        EnqueueAll(ref cases, lockOrder, g);
        UnlockAll(ref cases, lockOrder);
        ThreadWait.Block(g);
        return AfterWake(ref cases, lockOrder, g);
    }

    private static int RandomIndex(int n)
    {
        return M.Current is M m ? m.rand.Next(n) : t_rand.Next(n);
    }
}
