using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// sysmon's watch over a bubble (Go needs none: its bubbles run on all Ps). One goroutine of a
/// bubble runs at a time, so one that never gives the baton back stops the whole bubble. sysmon
/// looks at every live bubble on each tick, and when the bubble has made no scheduling decision
/// for a time slice:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>if the baton's holder is blocked in code GoSharp does not own (a lock, <c>Thread.Sleep</c>,
/// <c>Task.Wait</c>) while other goroutines are runnable, it is detached: the bubble goes on with
/// another thread (Go's handoff), and the goroutine counts as not durably blocked until it comes
/// back to a GoSharp operation;</item>
/// <item>if it is running (a busy loop), its goroutine is asked to yield at its next checkpoint,
/// and a plain delegate that has none is detached after a second slice;</item>
/// <item>if every goroutine is waiting for something outside the bubble (a Task) while the
/// bubble's timers are pending, for <see cref="stallNs"/>, the bubble fails with an explanation:
/// that is the wait-for-a-Task-that-needs-bubble-time trap, which otherwise hangs.</item>
/// </list>
/// Each of these makes the interleaving depend on timing, so under a chosen seed the first two
/// fail the run instead (<see cref="NondeterminismException"/>), and a busy loop that stops a
/// seeded bubble for <see cref="stallNs"/> fails it with an explanation.
/// </remarks>
internal sealed partial class Bubble
{
    /// <summary>
    /// How long a bubble may stand still before the watchdog explains why instead of letting it
    /// hang: 30 s (tests of the watchdog shorten it).
    /// </summary>
    internal static long stallNs = 30_000_000_000;

    private long _watchedTicks = -1;
    private long _stillSince;
    private bool _preemptAsked;

    /// <summary>When sysmon first saw the baton's holder blocked in a wait of the thread (0: not seen).</summary>
    private long _blockedSince;

    /// <summary>
    /// True from handing the baton to a sleeping thread until that thread runs: it is still in its
    /// wait, which on a loaded machine may last well beyond a time slice, and is not foreign code.
    /// </summary>
    private bool _holderWaking;

    /// <summary>Called by a thread that has woken up holding the baton. Lock held.</summary>
    private void HolderAwakeLocked(M m)
    {
        if (_holder == m)
        {
            _holderWaking = false;
        }
    }

    /// <summary>Called by sysmon on every tick while the bubble is live.</summary>
    internal void Watch(long now)
    {
        long ticks = Volatile.Read(ref _ticks);
        if (ticks != _watchedTicks)
        {
            _watchedTicks = ticks;
            _stillSince = now;
            _preemptAsked = false;
            _blockedSince = 0;
            return;
        }

        long still = now - _stillSince;
        if (still < Sysmon.ForcePreemptNs)
        {
            return;
        }

        // Sampled before this takes the bubble's lock: under the lock, a holder that is only
        // waiting for that same lock (inside GoSharp, for a moment) would look blocked.
        bool holderWaiting = Volatile.Read(ref _holder) is M sampled && (sampled.ThreadState & ThreadState.WaitSleepJoin) != 0;
        lock (_lock)
        {
            if (_ticks != ticks || _outcome != Outcome.Running)
            {
                return;
            }

            if (_holderIdle)
            {
                CheckStallLocked(still);
                return;
            }

            if (_holderWaking || _holder is not M holder || holder.curg is not G g || !_members.TryGetValue(g, out BubbleMember? member))
            {
                return; // between goroutines: running timers, or handing the baton over
            }

            if (holderWaiting && (holder.ThreadState & ThreadState.WaitSleepJoin) != 0)
            {
                // Blocked in foreign code only if it stays blocked, sample after sample, for a
                // handoff's time: a brief wait for a lock of GoSharp's (the bubble's, a channel's)
                // on a loaded machine must not detach it, which would break a seeded run for nothing.
                if (_blockedSince == 0)
                {
                    _blockedSince = now;
                }

                if (now - _blockedSince >= Sysmon.HandoffNs && _runq.Count > 0)
                {
                    DetachLocked(g, member, $"goroutine {member.localId} blocked its thread outside GoSharp " +
                        "(a lock, Thread.Sleep, Task.Wait, synchronous I/O) while other goroutines of the bubble could run, so the bubble went on without it");
                }

                return;
            }

            _blockedSince = 0;
            if (strict)
            {
                if (still >= Volatile.Read(ref stallNs))
                {
                    FailLocked(System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(new InvalidOperationException(
                        $"SyncTest (seed {seed}): goroutine {member.localId} has run for {still / 1_000_000_000.0:0.#} s without parking. One goroutine " +
                        "of a bubble runs at a time, so a busy loop waiting for another goroutine never ends: block on a channel, or call Gosched in the loop.")));

                    // The busy goroutine holds the baton: another thread concludes the bubble, and
                    // the goroutine is asked to stop at its next checkpoint (a plain delegate cannot be).
                    Volatile.Write(ref g.preempt, true);
                    member.detached = true;
                    _nonDurable++;
                    StartLoopThreadLocked();
                }

                return; // a preemption point would depend on timing: a seeded bubble lets the goroutine run
            }

            if (!_preemptAsked)
            {
                _preemptAsked = true;
                Volatile.Write(ref g.preempt, true);
                BreakLocked($"goroutine {member.localId} ran for a time slice without parking and was preempted");
            }
            else if (still >= Sysmon.HandoffNs && g.IsThreadBound && _runq.Count > 0)
            {
                DetachLocked(g, member, $"goroutine {member.localId} (a plain delegate, which cannot be preempted) kept running, so the bubble went on without it");
            }
        }
    }

    /// <summary>The holder's goroutine goes on outside the baton; another thread takes it. Lock held.</summary>
    private void DetachLocked(G g, BubbleMember member, string why)
    {
        member.detached = true;
        _nonDurable++;
        BreakLocked(why);
        StartLoopThreadLocked();
        Trace($"detach {member.localId}");
    }

    /// <summary>
    /// The bubble has been waiting for outside events for <paramref name="still"/>: if its timers
    /// are pending and a goroutine waits for a Task, explain the trap instead of hanging. Lock held.
    /// </summary>
    private void CheckStallLocked(long still)
    {
        if (still < Volatile.Read(ref stallNs) || timers.Count == 0)
        {
            return;
        }

        foreach ((G g, BubbleMember member) in _members)
        {
            if (member.countedNonDurable && g.waitreason == WaitReason.Await)
            {
                FailLocked(System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(new InvalidOperationException(
                    $"SyncTest bubble {id} has stood still for {still / 1_000_000_000.0:0.#} s: goroutine {member.localId} awaits a Task (Go.Await), " +
                    "which is not durably blocking (the Task may complete from outside the bubble), so the bubble's clock cannot move to its " +
                    "pending timers. If the Task completes on the bubble's clock (Task.Delay with SyncTest.TimeProvider, or async code under " +
                    "test), wait for it with SyncTest.Await(task), which is durable, or let time pass with SyncTest.Sleep and then read the Task.")));
                return;
            }
        }
    }
}
