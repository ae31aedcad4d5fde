using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 8. hog: GOMAXPROCS=1 (set by the caller). One goroutine runs a call-free numeric loop for ~2 s
// (iteration count calibrated beforehand) while another sleeps 1 ms in a loop; report the worst
// gap between ticks. .NET threads cannot be interrupted, so the loop is preemptible only through
// the check the generator puts at its back-edge (Spin is a [Goroutine] method: its twin polls the
// goroutine's preemption flag and yields when sysmon asks).
//   hog        : the ticker goroutine calls Sleep(1 ms) in a loop, as the Go program does.
//   hog-ticker : it receives from NewTicker(1 ms).C instead.
//   hog-pool   : hog with the default GOMAXPROCS (Environment.ProcessorCount).
internal static partial class Hog
{
    private const ulong Seed = 88172645463325252UL;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(1);
    private static ulong s_sink;

    /// <summary>Go's captured <c>stop</c>, <c>ticks</c> and <c>maxGap</c>.</summary>
    internal sealed class State
    {
        public int Stop;
        public long Ticks;
        public double MaxGapMs;
    }

    [Goroutine]
    private static ulong Spin(ulong iters)
    {
        ulong x = Seed;
        for (ulong i = 0; i < iters; i++) // no calls: the generated back-edge check is the only preemption point
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return x;
    }

    [Goroutine]
    private static void TickLoop(State s, Chan<bool> started, Chan<bool> tickerDone, bool useTicker)
    {
        Ticker? ticker = useTicker ? NewTicker(Period) : null;
        long last = Stopwatch.GetTimestamp();
        started.Close();
        while (Volatile.Read(ref s.Stop) == 0)
        {
            if (ticker is null)
            {
                Sleep(Period);
            }
            else
            {
                ticker.C.Receive();
            }

            long now = Stopwatch.GetTimestamp();
            double g = Stopwatch.GetElapsedTime(last, now).TotalMilliseconds;
            if (g > s.MaxGapMs)
            {
                s.MaxGapMs = g;
            }

            last = now;
            s.Ticks++;
        }

        ticker?.Stop();
        tickerDone.Close();
    }

    [Goroutine]
    private static void HogLoop(ulong iters, Chan<long> hogDone)
    {
        long h0 = Stopwatch.GetTimestamp();
        s_sink += Spin(iters);
        hogDone.Send((long)Program.Ms(h0));
    }

    [Goroutine]
    public static void Run(string name, int hogMs, bool useTicker)
    {
        // calibrate: iterations per ms, same loop as the hog's (with its checkpoints)
        const ulong calIters = 200_000_000;
        s_sink += Spin(calIters / 10);
        long c0 = Stopwatch.GetTimestamp();
        s_sink += Spin(calIters);
        double calMs = Program.Ms(c0);
        ulong iters = (ulong)(calIters / calMs * hogMs);

        var s = new State();
        var tickerDone = new Chan<bool>();
        var started = new Chan<bool>();
        go(() => TickLoop(s, started, tickerDone, useTicker));
        started.Receive();
        var hogDone = new Chan<long>();
        go(() => HogLoop(iters, hogDone));
        long hogActual = hogDone.Receive();
        Volatile.Write(ref s.Stop, 1);
        tickerDone.Receive();
        ThreadPool.GetMinThreads(out int minW, out _);
        Console.WriteLine(
            $"{name} lang=gosharp sched=gosharp gomaxprocs={GOMAXPROCS(0)} procs={Environment.ProcessorCount} pool_min={minW} " +
            $"pool_threads={ThreadPool.ThreadCount} hog_ms={hogActual} ticks={s.Ticks} worst_tick_gap_ms={s.MaxGapMs:F2}");
    }
}
