using GoSharp.Channels;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>What the select fast path needs from a channel.</summary>
public sealed partial class Chan<T>
{
    /// <summary>
    /// False when a receive would certainly block: read without the lock, so only a hint (a
    /// true answer is rechecked under the lock, a false one by the select's locked pass). Always
    /// true for a bubble's channel, so that a select's first pass locks it alone, where
    /// <see cref="Lock"/> may refuse an outside caller before any other channel is locked.
    /// </summary>
    internal bool MayReceive => bubble is not null || Volatile.Read(ref _qcount) != 0 || !_sendq.IsEmpty || Volatile.Read(ref _closed);

    /// <summary>False when a send would certainly block: read without the lock, so only a hint (always true for a bubble's channel).</summary>
    internal bool MaySend => bubble is not null || Volatile.Read(ref _qcount) < _cap || !_recvq.IsEmpty || Volatile.Read(ref _closed);

    /// <summary>One receive attempt under this channel's lock alone (the select's first pass).</summary>
    internal ChanResult TryReceiveAlone(out T value, out bool ok, out Waiter? wake)
    {
        Lock();
        ChanResult result = TryReceiveLocked(out value, out ok, out wake);
        Unlock();
        return result;
    }

    /// <summary>One send attempt under this channel's lock alone (the select's first pass).</summary>
    internal ChanResult TrySendAlone(T value, out Waiter? wake)
    {
        Lock();
        ChanResult result = TrySendLocked(value, out wake);
        Unlock();
        return result;
    }

    /// <summary>Removes a waiter of a select case that did not fire, taking the lock for it.</summary>
    internal void RemoveWaiterAlone(Waiter w, bool sender)
    {
        Lock();
        RemoveWaiter(w, sender);
        Unlock();
    }
}
