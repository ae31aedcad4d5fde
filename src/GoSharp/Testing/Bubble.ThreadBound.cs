using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// A bubble goroutine that runs on a thread of its own (a plain delegate, or code calling the
/// blocking forms) and blocks that thread, yields or awaits a Task: the baton moves between
/// bubble threads so that one goroutine runs at a time.
/// </summary>
internal sealed partial class Bubble
{
    /// <summary>
    /// The goroutine running on this bubble thread blocks its thread in a GoSharp operation (the
    /// bubble's form of <see cref="Sched.BlockOn"/>): the baton goes to another bubble thread, and
    /// this one sleeps until the loop picks the goroutine again and hands the baton back.
    /// </summary>
    internal void BlockThread(Note note)
    {
        M m = M.Current!;
        G g = m.curg ?? throw new InvalidOperationException("A SyncTest bubble thread blocked outside any goroutine.");
        BubbleMember member;
        lock (_lock)
        {
            if (_outcome != Outcome.Running)
            {
                throw new BubbleAbandonedException(id);
            }

            member = MemberLocked(g);
            if (member.detached)
            {
                member.detached = false;
                _nonDurable--;
            }

            member.thread = m;
            if (member.readied)
            {
                member.readied = false;
                Enqueue(g, member);
            }
            else
            {
                member.state = MemberState.Blocked;
                ClassifyLocked(g, member);
            }

            if (_holder == m)
            {
                _holder = null;
                StartLoopThreadLocked();
            }
            else
            {
                WakeHolderLocked();
            }
        }

        note.Sleep(ResumeSpins);
        lock (_lock)
        {
            HolderAwakeLocked(m);
            if (_holder != m || member.state != MemberState.Running)
            {
                AbandonedLocked(member); // the bubble failed while this goroutine slept
            }
        }

        FastRand.SetState(m.bubbleRandomState);
    }

    /// <summary>Go.Gosched from a goroutine that runs on its thread: the others run, then it goes on.</summary>
    internal void YieldThread()
    {
        G g = ThreadWait.Begin(WaitReason.Yield);
        lock (_lock)
        {
            MemberLocked(g).readied = true;
        }

        ThreadWait.Block(g);
    }

    /// <summary>Go.Await of an unfinished Task from a goroutine that runs on its thread: not durably blocking.</summary>
    internal void AwaitThread(Task task)
    {
        G g = ThreadWait.Begin(WaitReason.Await);
        ReadyWhenDone(task, g);
        ThreadWait.Block(g);
    }
}
