using System.Text;

namespace GoSharp.Runtime;

/// <summary>
/// Go's schedtrace / scheddetail lines: a one-line summary of the scheduler, or with detail one
/// line per P and per M. Printed every N ms with <c>GODEBUG=schedtrace=N</c> (and
/// <c>scheddetail=1</c>); also appended to test failures and deadlock reports.
/// </summary>
internal static class SchedTrace
{
    private static readonly long s_start = Environment.TickCount64;

    internal static string Format(bool detail)
    {
        var text = new StringBuilder();
        P[] ps = Sched.allp;
        long start = s_start; // first: reading it may run the static constructor, which stamps it
        text.Append($"SCHED {Environment.TickCount64 - start}ms: gomaxprocs={Volatile.Read(ref Sched.gomaxprocs)} ");
        text.Append($"idleprocs={Math.Max(0, Volatile.Read(ref Sched.idleProcs))} threads={Sched.MCount} ");
        text.Append($"spinningthreads={Volatile.Read(ref Sched.nmspinning)} idlethreads={Sched.IdleMCount} ");
        text.Append($"stuckprocs={Volatile.Read(ref Sched.nstuck)} runqueue={Sched.GlobalRunqSize} timers={Sched.TimerCount()} [");
        text.AppendJoin(' ', ps.Select(p => p.RunqSize));
        text.Append(']');
        if (!detail)
        {
            return text.ToString();
        }

        foreach (P p in ps)
        {
            text.AppendLine();
            string status = p.status == PStatus.Running ? "running" : "idle";
            text.Append($"  P{p.id}: status={status} stuck={p.stuck} schedtick={p.schedtick} m={(p.m is M m ? m.id : -1)} ");
            text.Append($"runqsize={p.RunqSize} timers={p.timers.Count}");
        }

        foreach (M m in Sched.allm)
        {
            text.AppendLine();
            G? g = m.curg;
            text.Append($"  M{m.id}: p={(m.p is P p ? p.id : -1)} nextp={(m.nextp is P np ? np.id : -1)} spinning={m.spinning} ");
            text.Append($"curg={(g is null ? -1 : g.goid)}");
            if (g is not null)
            {
                text.Append($" ({g.EntryName}, {WaitReasonText.Of(g.waitreason)}{(g.blockedThread is null ? "" : ", thread blocked")})");
            }
        }

        return text.ToString();
    }
}
