using System.Text;

namespace GoSharp.Runtime;

/// <summary>
/// Go-style goroutine dumps (what Go prints on SIGQUIT or a fatal error):
/// <code>
/// goroutine 7 [chan receive, 3 minutes]:
/// Program.Worker
///     waiting on chan Int32 (len 0, cap 0)
/// Program.Main
/// </code>
/// Frames are listed innermost first, down to the goroutine's entry method.
/// </summary>
internal static class GoroutineDump
{
    /// <summary>Dumps every live goroutine, or only those of <paramref name="run"/>.</summary>
    internal static string Format(RunContext? run = null)
    {
        var text = new StringBuilder();
        foreach (G g in AllGs.Snapshot())
        {
            if (run is null || g.run == run)
            {
                Append(text, g);
            }
        }

        return text.ToString();
    }

    internal static void Append(StringBuilder text, G g)
    {
        text.Append("goroutine ").Append(g.goid).Append(" [").Append(State(g)).AppendLine("]:");
        Frame? frame = Volatile.Read(ref g.frame);
        bool first = true;
        for (int depth = 0; frame is not null && depth < 100; depth++, frame = (frame as NestedFrame)?.parent)
        {
            text.AppendLine(frame.MethodName);
            if (first)
            {
                if (g.parkSite is GoSharp.CompilerServices.ParkSite site && IsBlocked(g))
                {
                    text.Append('\t').AppendLine(site.ToString());
                }

                for (Waiter? w = g.waiting; w is not null && IsBlocked(g); w = w.Waitlink)
                {
                    // Read once: a running goroutine's waiter can be released (target cleared) meanwhile.
                    if (Volatile.Read(ref w.target) is IWaitTarget target)
                    {
                        text.Append('\t').Append("waiting on ").AppendLine(target.ToString());
                    }
                }

                first = false;
            }
        }

        text.AppendLine();
    }

    private static string State(G g)
    {
        int status = Volatile.Read(ref g.status);
        if (!IsBlocked(g))
        {
            return status is GStatus.Runnable or GStatus.ReadyWhileParking ? "runnable" : "running";
        }

        string reason = WaitReasonText.Of(g.waitreason);
        int minutes = g.MinutesWaiting;
        string state = minutes >= 1 ? $"{reason}, {minutes} minutes" : reason;
        return g.BlockedThread is null ? state : state + ", thread blocked";
    }

    /// <summary>Parked, or blocking its thread in a GoSharp operation.</summary>
    internal static bool IsBlocked(G g) =>
        Volatile.Read(ref g.status) == GStatus.Waiting ||
        (g.BlockedThread is Note note && !note.IsSignaled && g.waitreason != WaitReason.None);
}
