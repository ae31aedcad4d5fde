using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Text;
using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// How a bubble ends: successfully when its last goroutine exits; otherwise by failing (a panic,
/// the root's exception, a proved deadlock, lost determinism under a chosen seed), which abandons
/// the goroutines still in it.
/// </summary>
/// <remarks>
/// An abandoned goroutine never runs again. A parked one is simply retired; one whose thread is
/// blocked in a GoSharp operation is woken with a <see cref="BubbleAbandonedException"/>, so that
/// its thread unwinds (running the goroutine's <c>finally</c> blocks) and returns to the pool
/// instead of staying blocked for the life of the process. For a deadlock, each such thread first
/// records its stack, so that the report names the user's line it is blocked on.
/// </remarks>
internal sealed partial class Bubble
{
    /// <summary>How long the report waits for blocked threads to record their stacks.</summary>
    private static readonly TimeSpan s_stackWait = TimeSpan.FromSeconds(5);

    /// <summary>The first line of the deadlock report, once a deadlock is proved.</summary>
    private string? _deadlock;

    /// <summary>Blocked threads still to record their stacks for the deadlock report.</summary>
    private CountdownEvent? _stacksPending;

    /// <summary>Every goroutine is durably blocked and nothing can wake one: the bubble fails. Lock held.</summary>
    private void DeadlockLocked(string headline)
    {
        if (_outcome == Outcome.Running)
        {
            _deadlock = headline;
            _outcome = Outcome.Failed;
        }
    }

    /// <summary>Run by the last holder of the baton once the outcome is decided: abandons what is left and releases the caller.</summary>
    private void Conclude()
    {
        List<KeyValuePair<G, BubbleMember>> left;
        lock (_lock)
        {
            _holder = null;
            timers.Clear();
            left = _members.OrderBy(entry => entry.Key.goid).ToList();
            int blockedThreads = left.Count(entry => entry.Value.thread is not null);
            if (_deadlock is not null && blockedThreads > 0)
            {
                _stacksPending = new CountdownEvent(blockedThreads);
            }
        }

        if (_outcome == Outcome.Failed)
        {
            Abandon(left);
        }

        LiveBubbles.Remove(this);
        _done.Wakeup();
    }

    private void Abandon(List<KeyValuePair<G, BubbleMember>> left)
    {
        // The report first: waking a blocked thread lets its goroutine unwind.
        var dumps = new Dictionary<G, string>(ReferenceEqualityComparer.Instance);
        if (_deadlock is not null)
        {
            foreach ((G g, _) in left)
            {
                var text = new StringBuilder();
                GoroutineDump.Append(text, g);
                dumps[g] = text.ToString();
            }
        }

        foreach ((G g, BubbleMember member) in left)
        {
            if (member.thread is not null)
            {
                g.BlockedThread?.Wakeup(); // it throws BubbleAbandonedException from its blocking call
            }
            else if (member.state is MemberState.Parked or MemberState.Runnable)
            {
                Sched.Discard(g);
            }
        }

        if (_deadlock is null)
        {
            return;
        }

        _stacksPending?.Wait(s_stackWait);
        var report = new StringBuilder();
        report.Append("The bubble's goroutines (replay this interleaving with SyncTest.Run(body, seed: ").Append(seed).AppendLine("):");
        report.AppendLine();
        foreach ((G g, BubbleMember member) in left)
        {
            string dump = dumps[g];
            report.Append(dump.TrimEnd());
            report.AppendLine();
            if (Volatile.Read(ref member.stack) is string stack)
            {
                report.Append(stack);
            }

            report.AppendLine();
        }

        AppendBreaks(report);
        _failure = ExceptionDispatchInfo.Capture(new DeadlockException(_deadlock, report.ToString()));
    }

    /// <summary>
    /// A goroutine's thread woke in a bubble that has failed: it records its stack for the
    /// deadlock report if one is being written, then unwinds. Lock held.
    /// </summary>
    [DoesNotReturn]
    private void AbandonedLocked(BubbleMember member)
    {
        if (_stacksPending is { } pending)
        {
            Volatile.Write(ref member.stack, UserStack());
            pending.Signal();
        }

        throw new BubbleAbandonedException(id);
    }

    /// <summary>Notes of what made this run depend on timing, for a failure message.</summary>
    private void AppendBreaks(StringBuilder text)
    {
        if (_breaks is null)
        {
            return;
        }

        text.AppendLine("This run depended on timing, so its seed may not replay it:");
        foreach (string what in _breaks)
        {
            text.Append("  - ").AppendLine(what);
        }
    }

    /// <summary>
    /// The calling thread's stack between its blocking call and the bubble's scheduler: the
    /// user's frames only, with file and line where symbols allow.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Best effort: a frame whose method metadata was trimmed is left out of the report.")]
    private static string UserStack()
    {
        var text = new StringBuilder();
        bool shown = false;
        foreach (StackFrame frame in new StackTrace(fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetMethod() is not { } method)
            {
                continue;
            }

            if (method.DeclaringType?.Assembly == typeof(Bubble).Assembly)
            {
                if (shown)
                {
                    break; // down to the scheduler
                }

                continue; // the blocking operation itself
            }

            shown = true;
            text.Append("\tat ").Append(method.DeclaringType?.FullName).Append('.').Append(method.Name);
            if (frame.GetFileName() is string file)
            {
                text.Append(" in ").Append(file).Append(':').Append(frame.GetFileLineNumber());
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
