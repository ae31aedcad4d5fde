using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 3. parked: n goroutines each block receiving on one shared unbuffered channel. Once all are
// parked (and after the same 100 ms settling pause as the Go program) the process reads its own
// VmRSS; then the channel is closed and all are waited for. Peak RSS of the whole process is
// taken from outside (run.sh, GNU time); n = 0 gives the empty-run baseline. alloc_bytes_per is
// exact whatever the load: the bytes allocated on the managed heap (all threads) from the first
// spawn until all are parked, divided by n.
internal static partial class Parked
{
    /// <summary>Go's <c>var started int64</c>, shared by the goroutines.</summary>
    internal sealed class Counter
    {
        public long Value;
    }

    [Goroutine]
    private static void Waiter(Chan<int> ch, Counter started, WaitGroup wg)
    {
        Interlocked.Increment(ref started.Value);
        ch.Receive();
        wg.Done();
    }

    [Goroutine]
    public static void Run(string name, int n)
    {
        long baseKb = Program.ProcStatusKb("VmRSS");
        long allocStart = GC.GetTotalAllocatedBytes(precise: true);
        long t0 = Stopwatch.GetTimestamp();
        var ch = new Chan<int>();
        var wg = new WaitGroup();
        var started = new Counter();
        wg.Add(n);
        for (int i = 0; i < n; i++)
        {
            go(() => Waiter(ch, started, wg));
        }

        while (Interlocked.Read(ref started.Value) < n)
        {
            Gosched();
        }

        // every goroutine has run up to its receive; give the last ones time to park
        Sleep(TimeSpan.FromMilliseconds(100));
        double parkMs = Program.Ms(t0);
        long rssKb = Program.ProcStatusKb("VmRSS");
        long allocParked = GC.GetTotalAllocatedBytes(precise: true);
        int goroutines = NumGoroutine();
        ch.Close();
        wg.Wait();
        double ms = Program.Ms(t0);
        double per = n > 0 ? (rssKb - baseKb) * 1024.0 / n : 0;
        double allocPer = n > 0 ? (allocParked - allocStart) / (double)n : 0;
        Console.WriteLine(
            $"{name} lang=gosharp n={n} park_ms={parkMs:F1} ms={ms:F1} rss_start_kb={baseKb} rss_parked_kb={rssKb} inproc_bytes_per={per:F0} alloc_bytes_per={allocPer:F1} " +
            $"gc_heap_mb={GC.GetTotalMemory(false) / 1048576.0:F0} goroutines={goroutines}");
    }
}
