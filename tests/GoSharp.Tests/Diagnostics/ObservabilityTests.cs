using System.Diagnostics.Tracing;
using GoSharp.Runtime;
using GoSharp.Tests.Support;

namespace GoSharp.Tests.Diagnostics;

public class ObservabilityTests
{
    [Theory]
    [InlineData("schedtrace=1000", 1000, false)]
    [InlineData("gctrace=1,schedtrace=250,scheddetail=1", 250, true)]
    [InlineData("scheddetail=1", 0, true)]
    [InlineData("schedtrace=x", 0, false)]
    [InlineData(null, 0, false)]
    public void GODEBUG_settings_are_read_as_Go_reads_them(string? value, int traceMs, bool detail)
    {
        Assert.Equal((traceMs, detail), GoDebug.Parse(value));
    }

    [Fact]
    public void A_schedtrace_line_has_Gos_fields()
    {
        Go.Run(() => { });
        string line = SchedTrace.Format(detail: false);
        Assert.Matches(@"^SCHED \d+ms: gomaxprocs=\d+ idleprocs=\d+ threads=\d+ spinningthreads=\d+ idlethreads=\d+ .*runqueue=\d+ .*\[[\d ]+\]$", line);
        Assert.Contains("P0: status=", SchedTrace.Format(detail: true));
    }

    private sealed class CounterListener : EventListener
    {
        public readonly Dictionary<string, double> Latest = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "GoSharp")
            {
                EnableEvents(source, EventLevel.Informational, EventKeywords.All, new Dictionary<string, string?> { ["EventCounterIntervalSec"] = "0.1" });
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName != "EventCounters" || e.Payload is null)
            {
                return;
            }

            foreach (object? item in e.Payload)
            {
                if (item is IDictionary<string, object?> counter && counter["Name"] is string name)
                {
                    double value = counter.TryGetValue("Mean", out object? mean) ? Convert.ToDouble(mean) : Convert.ToDouble(counter["Increment"]);
                    lock (Latest)
                    {
                        Latest[name] = value;
                    }
                }
            }
        }
    }

    [Fact]
    public void The_GoSharp_EventSource_publishes_scheduler_counters()
    {
        var release = new Chan<bool>();
        for (int i = 0; i < 100; i++)
        {
            Parked.InGoroutine(async () => await release.ReceiveAsync());
        }

        using var listener = new CounterListener();
        try
        {
            Assert.True(Deadline.WaitUntil(() =>
            {
                lock (listener.Latest)
                {
                    return listener.Latest.TryGetValue("parked", out double parked) && parked >= 100 &&
                        listener.Latest.ContainsKey("goroutines") && listener.Latest.ContainsKey("steals") &&
                        listener.Latest.ContainsKey("preemptions") && listener.Latest.ContainsKey("handoffs") &&
                        listener.Latest.ContainsKey("runnable");
                }
            }), "counters not published");
            Assert.True(listener.Latest["goroutines"] >= 100);
        }
        finally
        {
            release.Close();
        }
    }
}
