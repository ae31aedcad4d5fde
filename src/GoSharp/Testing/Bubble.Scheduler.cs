using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// The bubble's scheduler: its run queue, the loop that the baton's holder runs, and what
/// happens when one of its goroutines is started, parks, is readied or yields (a goroutine that
/// blocks its own thread: Bubble.ThreadBound.cs).
/// </summary>
/// <remarks>
/// Every goroutine of the bubble has a <see cref="BubbleMember"/>. Invariants, under the lock:
/// <list type="bullet">
/// <item>A goroutine is in <see cref="_runq"/> exactly when its member is
/// <see cref="MemberState.Runnable"/>; only the loop takes it out, and then it runs on the
/// baton's holder (or, if its thread is blocked in a GoSharp operation, the baton goes to that
/// thread).</item>
/// <item><see cref="_nonDurable"/> counts the members blocked in a wait that something outside the
/// bubble could end (a Task, a mutex, an outside channel), plus those detached from the baton by
/// the watchdog. The bubble is blocked, and its clock may move, only when the run queue is empty,
/// this count is zero and the holder is in the loop.</item>
/// <item>The goroutine in <see cref="SyncTest.Wait"/> (<see cref="_waiter"/>) counts neither as
/// runnable nor as durably blocked: it is released when every other goroutine is durably
/// blocked, before the clock moves.</item>
/// </list>
/// </remarks>
internal sealed partial class Bubble
{
    /// <summary>How many times a resumed thread polls its note before it blocks on it.</summary>
    private const int ResumeSpins = 64;

    private readonly List<G> _runq = new();
    private readonly Dictionary<G, BubbleMember> _members = new(ReferenceEqualityComparer.Instance);
    private int _nextLocalId = 1;
    private int _live;
    private int _nonDurable;
    private bool _started;

    /// <summary>The thread holding the baton: the only one that runs the bubble's goroutines (but detached ones).</summary>
    private M? _holder;

    /// <summary>True while the holder waits in the loop for something outside the bubble to wake a goroutine.</summary>
    private bool _holderIdle;

    private G? _waiter;
    private bool _waitClaimed;

    /// <summary>Scheduling decisions so far; the watchdog reads it to see the bubble move.</summary>
    private long _ticks;

    private enum Step : byte
    {
        /// <summary>Run the chosen goroutine on this thread.</summary>
        Run,

        /// <summary>The chosen goroutine's thread is blocked in a GoSharp operation: hand it the baton.</summary>
        Resume,

        /// <summary>Fire the timers due now (outside the lock).</summary>
        FireTimers,

        /// <summary>The bubble has ended.</summary>
        Finished,
    }

    /// <summary>
    /// The scheduling loop, run by the thread that holds the baton until it gives the baton away
    /// (to a goroutine's blocked thread) or the bubble ends.
    /// </summary>
    internal void Loop(M m)
    {
        FastRand.SetState(m.bubbleRandomState);
        lock (_lock)
        {
            HolderAwakeLocked(m);
        }

        while (true)
        {
            Step step;
            G? g;
            lock (_lock)
            {
                step = DecideLocked(out g);
            }

            switch (step)
            {
                case Step.Run:
                    Sched.Execute(m, g!, inheritTime: true);
                    bool holding;
                    lock (_lock)
                    {
                        holding = AfterRunLocked(m, g!);
                    }

                    if (!holding)
                    {
                        return; // the watchdog detached this thread; the bubble went on without it
                    }

                    break;

                case Step.Resume:
                    g!.BlockedThread!.Wakeup(); // the baton is the thread's now; this one is done
                    return;

                case Step.FireTimers:
                    RunDueTimers();
                    break;

                default:
                    Conclude();
                    return;
            }
        }
    }

    /// <summary>
    /// What the loop does next (Go's synctest rules, in this order): fire the timers due now; run a
    /// runnable goroutine; wait while a goroutine may still be woken from outside; release
    /// <see cref="SyncTest.Wait"/>; end the bubble if no goroutine is left; otherwise, with every
    /// goroutine durably blocked, fail if the root has exited, move the clock to the next timer,
    /// or fail with a deadlock.
    /// </summary>
    private Step DecideLocked(out G? g)
    {
        g = null;
        while (true)
        {
            if (_outcome != Outcome.Running)
            {
                return Step.Finished;
            }

            if (timers.Next <= _now)
            {
                return Step.FireTimers;
            }

            if (_runq.Count > 0)
            {
                int i = _runq.Count == 1 ? 0 : _random.Next(_runq.Count);
                g = _runq[i];
                _runq[i] = _runq[^1];
                _runq.RemoveAt(_runq.Count - 1);
                BubbleMember member = _members[g];
                member.state = MemberState.Running;
                _ticks++;
                Trace($"run {member.localId}");
                if (member.thread is M thread)
                {
                    member.thread = null;
                    _holder = thread;
                    _holderWaking = true;
                    thread.bubbleRandomState = _random.NextUInt32();
                    return Step.Resume;
                }

                return Step.Run;
            }

            if (_nonDurable > 0)
            {
                _holderIdle = true;
                Monitor.Wait(_lock);
                _holderIdle = false;
                continue;
            }

            if (_waiter is G waiter)
            {
                _waiter = null;
                _waitClaimed = false;
                Trace("wait returns");
                MakeRunnableLocked(waiter, _members[waiter]);
                continue;
            }

            if (_live == 0)
            {
                _outcome = Outcome.Succeeded;
                return Step.Finished;
            }

            if (_rootExited)
            {
                DeadlockLocked("deadlock: main bubble goroutine has exited but blocked goroutines remain");
                continue;
            }

            long next = timers.Next;
            if (next != long.MaxValue)
            {
                AdvanceLocked(next);
                continue;
            }

            DeadlockLocked("deadlock: all goroutines in bubble are blocked");
        }
    }

    /// <summary>
    /// After the holder ran <paramref name="g"/>: it exited, parked (is that durable?) or yielded.
    /// Returns whether <paramref name="m"/> still holds the baton.
    /// </summary>
    private bool AfterRunLocked(M m, G g)
    {
        if (_members.TryGetValue(g, out BubbleMember? member))
        {
            if (member.detached)
            {
                member.detached = false;
                _nonDurable--;
            }

            int status = Volatile.Read(ref g.status);
            if (status == GStatus.Dead)
            {
                _members.Remove(g);
                _live--;
                Trace($"exit {member.localId}");
            }
            else if (member.state == MemberState.Running && status == GStatus.Waiting)
            {
                member.state = MemberState.Parked;
                ClassifyLocked(g, member);
            }
        }

        if (_holder == m)
        {
            return true;
        }

        WakeHolderLocked(); // a detached thread is back: the holder may be waiting for it
        return false;
    }

    /// <summary>A goroutine of the bubble was started (by <see cref="Sched.Newproc"/>): it joins the run queue.</summary>
    internal void Spawned(G g)
    {
        lock (_lock)
        {
            if (_outcome != Outcome.Running)
            {
                Sched.Discard(g); // started by a goroutine being unwound after the bubble failed
                return;
            }

            var member = new BubbleMember(_nextLocalId++);
            _members.Add(g, member);
            _live++;
            Trace($"go {member.localId}");
            NoteOutsideLocked(member, "was started");
            Enqueue(g, member);
        }
    }

    /// <summary>A parked goroutine of the bubble is readied (Go's goready, for the bubble).</summary>
    internal void Ready(G g)
    {
        lock (_lock)
        {
            if (_outcome != Outcome.Running)
            {
                return; // the bubble failed and abandoned its goroutines
            }

            BubbleMember member = MemberLocked(g);
            NoteOutsideLocked(member, "was woken");
            MakeRunnableLocked(g, member);
        }
    }

    /// <summary>A goroutine of the bubble yielded (Gosched, preemption): back to the run queue.</summary>
    internal void Requeue(G g)
    {
        lock (_lock)
        {
            if (_outcome != Outcome.Running)
            {
                Sched.Discard(g);
                return;
            }

            BubbleMember member = MemberLocked(g);
            member.state = MemberState.Runnable;
            _runq.Add(g);
            Trace($"yield {member.localId}");
        }
    }

    private void MakeRunnableLocked(G g, BubbleMember member)
    {
        if (member.countedNonDurable)
        {
            member.countedNonDurable = false;
            _nonDurable--;
        }

        while (true)
        {
            switch (member.state)
            {
                case MemberState.Blocked:
                    Enqueue(g, member);
                    return;

                case MemberState.Parked:
                    if (Interlocked.CompareExchange(ref g.status, GStatus.Runnable, GStatus.Waiting) != GStatus.Waiting)
                    {
                        throw NotParked(g);
                    }

                    Enqueue(g, member);
                    return;

                case MemberState.Running when g.BlockedThread is not null:
                    member.readied = true; // still on its thread, about to block: it queues itself
                    return;

                case MemberState.Running:
                    // Still unwinding out of its park (readied from outside): its thread keeps
                    // running it; or parked, and not yet seen by the loop.
                    int s = Volatile.Read(ref g.status);
                    if (s == GStatus.Parking && Interlocked.CompareExchange(ref g.status, GStatus.ReadyWhileParking, GStatus.Parking) == GStatus.Parking)
                    {
                        return;
                    }

                    if (s == GStatus.Waiting && Interlocked.CompareExchange(ref g.status, GStatus.Runnable, GStatus.Waiting) == GStatus.Waiting)
                    {
                        Enqueue(g, member);
                        return;
                    }

                    if (s is GStatus.Parking or GStatus.Waiting)
                    {
                        continue; // raced with the park's own CAS: look again
                    }

                    throw NotParked(g);

                default:
                    throw NotParked(g);
            }
        }
    }

    private void Enqueue(G g, BubbleMember member)
    {
        member.state = MemberState.Runnable;
        _runq.Add(g);
        WakeHolderLocked();
    }

    /// <summary>Starts a bubble thread (pooled) that takes the baton and runs the loop. Lock held.</summary>
    private void StartLoopThreadLocked()
    {
        M thread = BubbleThreads.Rent();
        _holder = thread;
        _holderWaking = true;
        _started = true;
        thread.bubbleRandomState = _random.NextUInt32();
        BubbleThreads.Start(thread, this);
    }

    private void WakeHolderLocked()
    {
        if (_holderIdle)
        {
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// An event from a thread that does not hold the baton: a Task completing, a continuation
    /// posted from outside, an outside goroutine sending on a channel a bubble goroutine waits on.
    /// If the bubble was busy, where the event lands among its steps depends on timing.
    /// </summary>
    private void NoteOutsideLocked(BubbleMember member, string what)
    {
        if (_started && M.Current != _holder && (!_holderIdle || _runq.Count > 0))
        {
            BreakLocked($"goroutine {member.localId} {what} by a thread outside the bubble's scheduler " +
                $"('{Thread.CurrentThread.Name ?? "thread " + Environment.CurrentManagedThreadId}') while other goroutines of the bubble could run");
        }
    }

    private BubbleMember MemberLocked(G g) => _members.TryGetValue(g, out BubbleMember? member)
        ? member
        : throw new InvalidOperationException($"goroutine {g.goid} is not a goroutine of SyncTest bubble {id}.");

    private static InvalidOperationException NotParked(G g) =>
        new($"goready: goroutine {g.goid} is not parked (status {Volatile.Read(ref g.status)}).");
}
