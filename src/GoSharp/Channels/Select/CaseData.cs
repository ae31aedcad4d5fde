using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.Channels.Select;

/// <summary>
/// What the select algorithm does with one case of element type <typeparamref name="T"/>: the
/// channel, the slot holding the value to send or the value received, and the case's kind. The
/// state itself lives in flat fields of <see cref="SelectCases{T0, T1, T2, T3, T4, T5, T6, T7}"/>
/// (plain fields, no ref fields, so it can live in an awaiter copied into a goroutine's state
/// machine); these helpers work on it by reference.
/// </summary>
internal static class CaseData<T>
{
    /// <summary>
    /// The first pass: tries the case under its own channel's lock only, skipping the lock when
    /// the channel certainly is not ready. A nil channel or a default case is never ready here.
    /// </summary>
    internal static ChanResult TryAlone(Chan<T>? chan, SelectCaseKind kind, ref T value, ref bool ok, bool precheck, out Waiter? wake)
    {
        if (chan is not null)
        {
            if (kind == SelectCaseKind.Receive)
            {
                if (!precheck || chan.MayReceive)
                {
                    return chan.TryReceiveAlone(out value, out ok, out wake);
                }
            }
            else if (kind == SelectCaseKind.Send && (!precheck || chan.MaySend))
            {
                return chan.TrySendAlone(value, out wake);
            }
        }

        wake = null;
        return ChanResult.WouldBlock;
    }

    /// <summary>Tries the case now, all channels locked.</summary>
    internal static ChanResult TryLocked(Chan<T> chan, SelectCaseKind kind, ref T value, ref bool ok, out Waiter? wake) =>
        kind == SelectCaseKind.Send
            ? chan.TrySendLocked(value, out wake)
            : chan.TryReceiveLocked(out value, out ok, out wake);

    /// <summary>
    /// Queues a waiter for <paramref name="g"/> on the case's channel, all channels locked, and
    /// links it in front of the goroutine's other waiters (<see cref="G.waiting"/>); returns it.
    /// </summary>
    internal static Waiter Enqueue(Chan<T> chan, SelectCaseKind kind, T value, G g, int index)
    {
        SelectWaiter<T> w = SelectWaiter<T>.Rent(g);
        w.caseIndex = (byte)index; // index < SelectCore.MaxCases
        w.waitlink = g.waiting;
        if (kind == SelectCaseKind.Send)
        {
            w.elem = value;
            chan.EnqueueSender(w);
        }
        else
        {
            chan.EnqueueReceiver(w);
        }

        return w;
    }

    /// <summary>A waiter standing for a case that completed while the goroutine was about to park.</summary>
    internal static Waiter Completed(SelectCaseKind kind, T value, bool ok, G g, int index, ChanResult result)
    {
        Waiter<T> w = Waiter<T>.Rent(g);
        w.caseIndex = (byte)index; // index < SelectCore.MaxCases
        w.elem = value;
        w.success = kind == SelectCaseKind.Send ? result == ChanResult.Done : ok;
        return w;
    }

    /// <summary>Removes a waiter of a case that did not fire, under that channel's lock alone.</summary>
    internal static void Dequeue(Chan<T> chan, SelectCaseKind kind, Waiter w) =>
        chan.RemoveWaiterAlone(w, sender: kind == SelectCaseKind.Send);

    /// <summary>Takes the outcome of the case that fired. False if it was a send on a channel that got closed.</summary>
    internal static bool Complete(SelectCaseKind kind, ref T value, ref bool ok, Waiter w)
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Received<T> ResultIf(bool chosen, SelectCaseKind kind, T value, bool ok) =>
        chosen && kind == SelectCaseKind.Receive ? new Received<T>(value, ok) : default;
}
