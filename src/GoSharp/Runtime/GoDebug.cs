namespace GoSharp.Runtime;

/// <summary>
/// Settings from the <c>GODEBUG</c> environment variable, as Go reads them:
/// <c>schedtrace=N</c> prints a scheduler line to stderr every N ms, <c>scheddetail=1</c> adds a
/// line per P and per M.
/// </summary>
internal static class GoDebug
{
    /// <summary>The schedtrace period in milliseconds; 0 when off.</summary>
    internal static readonly int SchedTraceMs;

    /// <summary>True if every trace also lists Ps and Ms.</summary>
    internal static readonly bool SchedDetail;

    private static long s_nextTrace;

    static GoDebug()
    {
        (SchedTraceMs, SchedDetail) = Parse(Environment.GetEnvironmentVariable("GODEBUG"));
    }

    /// <summary>Reads the scheduler settings of a GODEBUG value (comma-separated name=value pairs).</summary>
    internal static (int SchedTraceMs, bool SchedDetail) Parse(string? godebug)
    {
        int traceMs = 0;
        bool detail = false;
        foreach (string setting in (godebug ?? "").Split(','))
        {
            string[] kv = setting.Split('=', 2);
            if (kv.Length != 2 || !int.TryParse(kv[1], out int value))
            {
                continue;
            }

            switch (kv[0].Trim())
            {
                case "schedtrace":
                    traceMs = Math.Max(0, value);
                    break;
                case "scheddetail":
                    detail = value != 0;
                    break;
            }
        }

        return (traceMs, detail);
    }

    /// <summary>Prints a trace if one is due (sysmon calls this every tick); returns ms until the next one.</summary>
    internal static int TraceIfDue()
    {
        if (SchedTraceMs == 0)
        {
            return Timeout.Infinite;
        }

        long now = Environment.TickCount64;
        if (s_nextTrace == 0)
        {
            s_nextTrace = now + SchedTraceMs;
        }

        if (now >= s_nextTrace)
        {
            Console.Error.WriteLine(SchedTrace.Format(SchedDetail));
            s_nextTrace = now + SchedTraceMs;
        }

        return (int)Math.Max(1, s_nextTrace - now);
    }
}
