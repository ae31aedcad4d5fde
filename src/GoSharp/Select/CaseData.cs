using GoSharp.Channels;
using GoSharp.Runtime;

namespace GoSharp.Channels;

/// <summary>
/// A select case as the select algorithm keeps it: the channel, the value to send or the value
/// received, and what to do at each step. Plain struct (no ref fields), so it can live in an
/// awaiter that is copied into a goroutine's state machine.
/// </summary>
internal struct CaseData<T>
{
    internal Chan<T>? chan;
    internal T value;
    internal bool ok;
    internal SelectCaseKind kind;

    internal CaseData(SelectCase<T> c)
    {
        chan = c.chan;
        value = c.value;
        ok = false;
        kind = c.kind;
    }

    /// <summary>A send or receive on a non-nil channel: a case that can ever be ready.</summary>
    internal readonly bool IsLive => chan is not null && kind is SelectCaseKind.Send or SelectCaseKind.Receive;

    internal readonly long LockId => chan!.id;

    internal readonly void Lock() => chan!.Lock();

    internal readonly void Unlock() => chan!.Unlock();

    /// <summary>Tries the case now, all channels locked.</summary>
    internal ChanResult TryLocked(out Waiter? wake) => kind == SelectCaseKind.Send
        ? chan!.TrySendLocked(value, out wake)
        : chan!.TryReceiveLocked(out value, out ok, out wake);

    /// <summary>Queues a waiter for <paramref name="g"/> on the case's channel, all channels locked.</summary>
    internal readonly Waiter Enqueue(G g, int index)
    {
        Waiter<T> w = Waiter<T>.Rent(g);
        w.isSelect = true;
        w.caseIndex = index;
        if (kind == SelectCaseKind.Send)
        {
            w.elem = value;
            chan!.EnqueueSender(w);
        }
        else
        {
            chan!.EnqueueReceiver(w);
        }

        return w;
    }

    /// <summary>A waiter standing for a case that completed while the goroutine was about to park.</summary>
    internal readonly Waiter Completed(G g, int index, ChanResult result)
    {
        Waiter<T> w = Waiter<T>.Rent(g);
        w.caseIndex = index;
        w.elem = value;
        w.success = kind == SelectCaseKind.Send ? result == ChanResult.Done : ok;
        return w;
    }

    /// <summary>Removes a waiter of a case that did not fire, all channels locked.</summary>
    internal readonly void Dequeue(Waiter w) => chan!.RemoveWaiter(w, sender: kind == SelectCaseKind.Send);

    /// <summary>Takes the outcome of the case that fired. False if it was a send on a channel that got closed.</summary>
    internal bool Complete(Waiter w)
    {
        if (kind == SelectCaseKind.Receive)
        {
            value = ((Waiter<T>)w).elem;
            ok = w.success;
            return true;
        }

        return w.success;
    }

    /// <summary>What the case received, if it is the receive case that was chosen; otherwise nothing.</summary>
    internal readonly Received<T> ResultIf(bool chosen) =>
        chosen && kind == SelectCaseKind.Receive ? new Received<T>(value, ok) : default;
}
