using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.Channels.Select;

/// <summary>
/// The select algorithm: Go's selectgo, with a lock-light first pass.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Pass 0 (<see cref="TryNow"/>): try the cases one at a time in a uniformly random order
/// (so that among ready cases each is chosen with equal probability), each under its own
/// channel's lock only, and skip the lock when a lock-free read shows the channel is certainly
/// not ready. The first case that proceeds wins: it proceeded atomically under its channel's lock,
/// so the select took effect at that moment. Finding nothing proves nothing (the reads were at
/// different moments), so a default case is chosen only after pass 1 confirms it.</item>
/// <item>Pass 1 (only if pass 0 found nothing): shuffle the live cases into a random <em>poll
/// order</em> and sort them by channel id into a <em>lock order</em> (so that two selects on the
/// same channels can never deadlock; object addresses move in .NET, so channels carry an id).
/// Lock every channel and try the cases in poll order; the first that can proceed wins. With none
/// ready, a default case wins.</item>
/// <item>Pass 2: queue one waiter per case (flagged <see cref="Waiter.isSelect"/>), unlock, park.
/// A waker must win the goroutine's <see cref="G.selectDone"/> CAS before it may use one of these
/// waiters, so exactly one case commits however many channels fire at once.</item>
/// <item>Pass 3, after waking: remove the waiters of the cases that did not fire, each under its
/// own channel's lock (no waker can use them any more: <see cref="G.selectDone"/> stays set until
/// the goroutine's next select queues new waiters); the one that fired is marked
/// <see cref="Waiter.fired"/>.</item>
/// </list>
/// A select with no live case and no default blocks forever.
/// </remarks>
internal static class SelectCore
{
    /// <summary>The most cases a select takes (Go has no limit; eight covers real code).</summary>
    internal const int MaxCases = 8;

    /// <summary>
    /// Pass 0, and pass 1 if there is a default case and pass 0 found nothing: the case that
    /// proceeded, the default case, or -1 if the select must wait. Readies whoever the chosen
    /// case woke; throws if it is a send on a closed channel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int TryNow<TCases>(ref TCases cases, int count, int defaultIndex)
        where TCases : struct, ISelectCases
    {
        int chosen = TryEach(ref cases, count, out uint order);
        return chosen >= 0 || defaultIndex < 0 ? chosen : TryAllLocked(ref cases, count, order, defaultIndex);
    }

    /// <summary>
    /// Pass 0: the cases in a random order, each tried under its own channel's lock; the first
    /// that proceeds wins. -1 if none did; <paramref name="order"/> is the order tried (nibble k:
    /// the k-th case), a uniformly random permutation that pass 1 can poll in as well.
    /// </summary>
    private static int TryEach<TCases>(ref TCases cases, int count, out uint order)
        where TCases : struct, ISelectCases
    {
        order = FastRand.Permutation(count);
        uint next = order;
        for (int k = 0; k < count; k++, next >>= 4)
        {
            int i = (int)(next & 0xF);
            ChanResult result = cases.TryAlone(i, precheck: true, out Waiter? wake);
            if (result != ChanResult.WouldBlock)
            {
                Waiter.Wake(wake);
                if (result == ChanResult.Closed)
                {
                    throw Waiter.SendOnClosed();
                }

                return i;
            }
        }

        return -1;
    }

    /// <summary>Pass 1 alone (locks taken and released): the case that proceeded, else the default case.</summary>
    private static int TryAllLocked<TCases>(ref TCases cases, int count, uint order, int defaultIndex)
        where TCases : struct, ISelectCases
    {
        CaseIndices pollBuffer = default, lockBuffer = default;
        Span<int> poll = pollBuffer, locks = lockBuffer;
        int n = Order(ref cases, count, order, poll, locks, out int nlocks);
        if (n == 0)
        {
            return defaultIndex;
        }

        if (n == 1)
        {
            // One channel: a single locked attempt is atomic on its own.
            ChanResult single = cases.TryAlone(poll[0], precheck: false, out Waiter? woken);
            return Finish(poll[0], single, woken, defaultIndex);
        }

        locks = locks[..nlocks];
        LockAll(ref cases, locks);
        int chosen = Poll(ref cases, poll[..n], out ChanResult result, out Waiter? wake);
        UnlockAll(ref cases, locks);
        return Finish(chosen, result, wake, defaultIndex);
    }

    private static int Finish(int chosen, ChanResult result, Waiter? wake, int defaultIndex)
    {
        if (result == ChanResult.WouldBlock)
        {
            return defaultIndex;
        }

        Waiter.Wake(wake);
        if (result == ChanResult.Closed)
        {
            throw Waiter.SendOnClosed();
        }

        return chosen;
    }

    /// <summary>
    /// Fills the poll order with the live cases, shuffled, and the lock order with one case per
    /// distinct channel, sorted by channel id; returns how many live cases there are.
    /// </summary>
    internal static int Order<TCases>(ref TCases cases, int count, Span<int> poll, Span<int> locks, out int nlocks)
        where TCases : struct, ISelectCases
    {
        return Order(ref cases, count, FastRand.Permutation(count), poll, locks, out nlocks);
    }

    /// <summary>
    /// Fills the poll order with the live cases in the order of the permutation
    /// <paramref name="order"/> (nibble k: the k-th case), and the lock order with one case per
    /// distinct channel, sorted by channel id; returns how many live cases there are.
    /// </summary>
    private static int Order<TCases>(ref TCases cases, int count, uint order, Span<int> poll, Span<int> locks, out int nlocks)
        where TCases : struct, ISelectCases
    {
        int n = 0;
        for (int k = 0; k < count; k++, order >>= 4)
        {
            int i = (int)(order & 0xF);
            if (cases.IsLive(i))
            {
                poll[n++] = i;
            }
        }

        LockIds idBuffer = default;
        Span<long> ids = idBuffer;
        nlocks = 0;
        for (int k = 0; k < n; k++)
        {
            int i = poll[k];
            long id = cases.LockId(i);
            int at = nlocks;
            while (at > 0 && ids[at - 1] > id)
            {
                at--;
            }

            if (at > 0 && ids[at - 1] == id)
            {
                continue; // the same channel in two cases: lock it once
            }

            for (int s = nlocks; s > at; s--)
            {
                ids[s] = ids[s - 1];
                locks[s] = locks[s - 1];
            }

            ids[at] = id;
            locks[at] = i;
            nlocks++;
        }

        return n;
    }

    internal static void LockAll<TCases>(ref TCases cases, ReadOnlySpan<int> locks)
        where TCases : struct, ISelectCases
    {
        foreach (int i in locks)
        {
            cases.Lock(i);
        }
    }

    internal static void UnlockAll<TCases>(ref TCases cases, ReadOnlySpan<int> locks)
        where TCases : struct, ISelectCases
    {
        for (int k = locks.Length - 1; k >= 0; k--)
        {
            cases.Unlock(locks[k]);
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
    /// Passes 1 and 2 for a goroutine whose pass 0 found nothing ready (and that has no default
    /// case): parks the goroutine on every case, or resumes it at once if a case became ready.
    /// </summary>
    internal static void Park<TCases>(ref TCases cases, int count, Frame frame)
        where TCases : struct, ISelectCases
    {
        CaseIndices pollBuffer = default, lockBuffer = default;
        Span<int> poll = pollBuffer, locks = lockBuffer;
        int n = Order(ref cases, count, poll, locks, out int nlocks);
        if (n == 0)
        {
            Sched.BeginPark(frame, WaitReason.SelectNoCases); // nothing can ever wake it
            return;
        }

        poll = poll[..n];
        locks = locks[..nlocks];
        G g = Sched.BeginPark(frame, WaitReason.Select);
        LockAll(ref cases, locks);
        int chosen = Poll(ref cases, poll, out ChanResult result, out Waiter? wake);
        if (chosen >= 0)
        {
            // A case became ready after the fast path: resume at once, as if woken by it.
            UnlockAll(ref cases, locks);
            Waiter.Wake(wake);
            Waiter w = cases.Completed(chosen, g, result);
            w.fired = true;
            g.waiting = w;
            Sched.CancelPark(g);
            return;
        }

        EnqueueAll(ref cases, poll, g);
        UnlockAll(ref cases, locks);
    }

    /// <summary>Pass 2 with every channel locked: a waiter for <paramref name="g"/> on every case.</summary>
    internal static void EnqueueAll<TCases>(ref TCases cases, ReadOnlySpan<int> poll, G g)
        where TCases : struct, ISelectCases
    {
        Volatile.Write(ref g.selectDone, 0);
        g.waiting = null;
        foreach (int i in poll)
        {
            g.waiting = cases.Enqueue(i, g); // linked to the previous g.waiting
        }
    }

    /// <summary>
    /// Pass 3, after waking: dequeue the cases that did not fire, take the outcome of the one that
    /// did (now in the case data), release the waiters; returns the chosen index.
    /// </summary>
    internal static int AfterWake<TCases>(ref TCases cases, G g)
        where TCases : struct, ISelectCases
    {
        Waiter? winner = null;
        Waiter? next = g.waiting;
        g.waiting = null;
        while (next is not null)
        {
            Waiter w = next;
            next = w.Waitlink;
            if (w.fired)
            {
                winner = w;
            }
            else
            {
                cases.Dequeue(w.caseIndex, w);
                w.Release();
            }
        }

        if (winner is null)
        {
            throw new InvalidOperationException($"select: goroutine {g.goid} woke with no case fired.");
        }

        int chosen = winner.caseIndex;
        bool completed = cases.Complete(chosen, winner);
        winner.Release();
        if (!completed)
        {
            throw Waiter.SendOnClosed();
        }

        return chosen;
    }

    /// <summary>The blocking select: passes 0 to 3 with the calling thread blocked in between.</summary>
    internal static int Block<TCases>(ref TCases cases, int count, int defaultIndex)
        where TCases : struct, ISelectCases
    {
        int chosen = TryNow(ref cases, count, defaultIndex);
        if (chosen >= 0)
        {
            return chosen;
        }

        CaseIndices pollBuffer = default, lockBuffer = default;
        Span<int> poll = pollBuffer, locks = lockBuffer;
        int n = Order(ref cases, count, poll, locks, out int nlocks);
        if (n == 0)
        {
            ThreadWait.BlockForever(WaitReason.SelectNoCases);
        }

        poll = poll[..n];
        locks = locks[..nlocks];
        LockAll(ref cases, locks);
        chosen = Poll(ref cases, poll, out ChanResult result, out Waiter? wake);
        if (chosen >= 0)
        {
            UnlockAll(ref cases, locks);
            Waiter.Wake(wake);
            if (result == ChanResult.Closed)
            {
                throw Waiter.SendOnClosed();
            }

            return chosen;
        }

        G g = ThreadWait.Begin(WaitReason.Select);
        EnqueueAll(ref cases, poll, g);
        UnlockAll(ref cases, locks);
        ThreadWait.Block(g);
        return AfterWake(ref cases, g);
    }

}

/// <summary>Case indices of one select (a poll or lock order), on the stack.</summary>
[InlineArray(SelectCore.MaxCases)]
internal struct CaseIndices
{
    private int _first;
}

/// <summary>Channel ids of one select's lock order, on the stack.</summary>
[InlineArray(SelectCore.MaxCases)]
internal struct LockIds
{
    private long _first;
}
