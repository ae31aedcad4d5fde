using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>The bubbles that are running, for sysmon's watchdog (copy on write: sysmon reads it without a lock).</summary>
internal static class LiveBubbles
{
    private static readonly object s_lock = new();
    private static volatile Bubble[] s_all = Array.Empty<Bubble>();

    internal static Bubble[] All => s_all;

    internal static void Add(Bubble bubble)
    {
        lock (s_lock)
        {
            s_all = [.. s_all, bubble];
        }

        Sysmon.Wake(); // it sleeps while nothing runs; it watches live bubbles
    }

    internal static void Remove(Bubble bubble)
    {
        lock (s_lock)
        {
            s_all = s_all.Where(b => b != bubble).ToArray();
        }
    }
}
