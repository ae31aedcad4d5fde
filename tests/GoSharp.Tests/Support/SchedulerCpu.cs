using System.Diagnostics;
using System.Globalization;

namespace GoSharp.Tests.Support;

/// <summary>
/// CPU time used by GoSharp's own threads (the Ms and sysmon), read from /proc on Linux so that
/// the test host's threads (GC, JIT tiering, the test runner) do not count. Elsewhere it falls
/// back to the whole process.
/// </summary>
internal static class SchedulerCpu
{
    public static TimeSpan Used()
    {
        if (!OperatingSystem.IsLinux())
        {
            using Process self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }

        long ticks = 0;
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("GoSharp", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the parenthesised command: state is [0], utime [11], stime [12].
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the thread exited while we looked
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10.0); // USER_HZ is 100 on Linux
    }
}
