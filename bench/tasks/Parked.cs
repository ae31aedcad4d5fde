using System.Diagnostics;
using System.Threading.Channels;

namespace TasksBench;

// 3. parked: n async methods all wait on one channel (WaitToReadAsync, which turns false when the
// channel is completed, as a receive from a closed Go channel returns). Once every one is waiting,
// plus a 100 ms pause as in the Go program, the process reads its VmRSS; then the channel is
// completed and all are awaited. The waiters are called directly, not through Task.Run: an async
// method runs synchronously up to its first await, so each is parked when the call returns.
internal static class Parked
{
    private static async Task Waiter(ChannelReader<int> gate, Countdown wg)
    {
        await gate.WaitToReadAsync();
        wg.Done();
    }

    public static async Task Run(int n)
    {
        long startKb = Program.VmRssKb();
        long t0 = Stopwatch.GetTimestamp();
        var gate = Channel.CreateBounded<int>(1);
        var wg = new Countdown(n);
        for (int i = 0; i < n; i++)
        {
            _ = Waiter(gate.Reader, wg);
        }

        await Task.Delay(100);
        double parkMs = Program.Ms(t0);
        long parkedKb = Program.VmRssKb();
        gate.Writer.Complete();
        await wg.WaitAsync();
        double ms = Program.Ms(t0);
        double perTask = n > 0 ? (parkedKb - startKb) * 1024.0 / n : 0;
        Console.WriteLine(
            $"parked lang=dotnet n={n} park_ms={parkMs:F1} ms={ms:F1} rss_start_kb={startKb} rss_parked_kb={parkedKb} " +
            $"inproc_bytes_per={perTask:F0} gc_heap_mb={GC.GetTotalMemory(false) / 1048576.0:F0}");
    }
}
