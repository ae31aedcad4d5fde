using System.Diagnostics.Tracing;

namespace GoSharp.Runtime;

/// <summary>
/// Runtime counters for <c>dotnet-counters monitor --counters GoSharp</c> (or any EventListener):
/// goroutines, runnable, parked, and steals, preemptions and hand-offs per second. Counters are
/// created only when a listener enables the source, so an unobserved program pays nothing.
/// </summary>
[EventSource(Name = "GoSharp")]
internal sealed class GoSharpEventSource : EventSource
{
    internal static readonly GoSharpEventSource Log = new();

    private readonly List<DiagnosticCounter> _counters = new();

    private GoSharpEventSource()
    {
    }

    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if (command.Command != EventCommand.Enable || _counters.Count > 0)
        {
            return;
        }

        _counters.Add(new PollingCounter("goroutines", this, () => Sched.GoroutineCount()) { DisplayName = "Goroutines" });
        _counters.Add(new PollingCounter("runnable", this, () => Runnable()) { DisplayName = "Runnable goroutines (run queues)" });
        _counters.Add(new PollingCounter("parked", this, () => Parked()) { DisplayName = "Parked goroutines" });
        _counters.Add(new IncrementingPollingCounter("steals", this, () => Sched.ReadStats().Steals)
        {
            DisplayName = "Work steals",
            DisplayRateTimeScale = TimeSpan.FromSeconds(1),
        });
        _counters.Add(new IncrementingPollingCounter("preemptions", this, () => Sysmon.Preemptions)
        {
            DisplayName = "Preemption requests",
            DisplayRateTimeScale = TimeSpan.FromSeconds(1),
        });
        _counters.Add(new IncrementingPollingCounter("handoffs", this, () => Sched.Handoffs)
        {
            DisplayName = "P hand-offs",
            DisplayRateTimeScale = TimeSpan.FromSeconds(1),
        });
    }

    private static double Runnable()
    {
        SchedulerStats stats = Sched.ReadStats();
        return stats.GlobalRunQueue + stats.LocalRunQueues;
    }

    private static double Parked() => AllGs.Snapshot().Count(g => Volatile.Read(ref g.status) == GStatus.Waiting);
}
