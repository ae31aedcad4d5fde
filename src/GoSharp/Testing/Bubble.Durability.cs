using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// Which waits are <em>durable</em>: those that only another goroutine of the same bubble can
/// end (Go's rules, from the testing/synctest documentation). The bubble's clock moves only when
/// every goroutine is in one.
/// </summary>
/// <remarks>
/// Durable: a send, receive or select on channels created in the bubble; a send or receive on a
/// nil channel and an empty select; <c>Sleep</c>; <c>Cond.Wait</c>; <c>WaitGroup.Wait</c> when
/// the group's <c>Add</c> was called in the bubble. Not durable, because something outside the
/// bubble may end them: locking a <c>Mutex</c> or <c>RWMutex</c>, awaiting a Task, any channel
/// created outside the bubble, and anything that blocks a thread outside GoSharp (I/O, locks).
/// </remarks>
internal sealed partial class Bubble
{
    /// <summary>True if <paramref name="g"/>'s current wait can only be ended from inside this bubble.</summary>
    private bool IsDurable(G g)
    {
        switch (g.waitreason)
        {
            case WaitReason.ChanReceiveNilChan or WaitReason.ChanSendNilChan or WaitReason.SelectNoCases:
            case WaitReason.Sleep or WaitReason.CondWait:
                return true;

            case WaitReason.ChanReceive or WaitReason.ChanSend or WaitReason.Select or WaitReason.WaitGroupWait:
                for (Waiter? w = g.waiting; w is not null; w = w.Waitlink)
                {
                    if (w.target?.Bubble != this)
                    {
                        return false;
                    }
                }

                return g.waiting is not null;

            default:
                return false;
        }
    }

    /// <summary>Counts a goroutine that has just blocked if its wait is not durable. Lock held.</summary>
    private void ClassifyLocked(G g, BubbleMember member)
    {
        Trace($"park {member.localId} {WaitReasonText.Of(g.waitreason)}");
        if (g.waitreason != WaitReason.SyncTestWait && !IsDurable(g))
        {
            member.countedNonDurable = true;
            _nonDurable++;
        }
    }
}
