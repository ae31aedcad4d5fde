using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace GoSharp.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's command line, e.g. <c>--filter '*'</c>, <c>--filter '*PingPong*'</c>,
/// <c>--job short</c>, <c>--list flat</c>. <c>--check</c> (alone) runs every benchmark once
/// in-process and checks its result instead.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--check"])
        {
            return Check();
        }

        // BenchmarkDotNet builds a copy of this project before it measures; on a busy 2-core machine
        // that takes longer than its default limit of two minutes.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static int Check()
    {
        static long Tri(long n) => n * (n - 1) / 2; // 0 + 1 + ... + (n - 1)
        int failures = 0;
        void Expect(string name, long actual, long expected)
        {
            bool ok = actual == expected;
            failures += ok ? 0 : 1;
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}: {actual} (expected {expected})");
        }

        var pp = new PingPongBenchmarks();
        pp.StartScheduler();
        Expect(nameof(pp.GoSharp_Unbuffered), pp.GoSharp_Unbuffered(), PingPongBenchmarks.N);
        Expect(nameof(pp.Channels_Bounded0), pp.Channels_Bounded0(), PingPongBenchmarks.N);
        Expect(nameof(pp.Channels_Bounded1), pp.Channels_Bounded1(), PingPongBenchmarks.N);

        var sr = new SendReceiveBenchmarks();
        long items = Tri(SendReceiveBenchmarks.N);
        Expect(nameof(sr.GoSharp_NoWait), sr.GoSharp_NoWait(), items);
        Expect(nameof(sr.Channels_NoWait), sr.Channels_NoWait(), items);
        Expect(nameof(sr.GoSharp_Spsc), sr.GoSharp_Spsc(), items);
        Expect(nameof(sr.Channels_Spsc), sr.Channels_Spsc(), items);
        Expect(nameof(sr.GoSharp_Buffered4x4), sr.GoSharp_Buffered4x4(), items);
        Expect(nameof(sr.Channels_Buffered4x4), sr.Channels_Buffered4x4(), items);
        Expect(nameof(sr.GoSharp_Unbuffered4x4), sr.GoSharp_Unbuffered4x4(), Tri(SendReceiveBenchmarks.UnbufferedN));
        Expect(nameof(sr.Channels_Bounded0_4x4), sr.Channels_Bounded0_4x4(), Tri(SendReceiveBenchmarks.UnbufferedN));

        var sb = new SelectBenchmarks();
        long select2 = 2 * Tri(SelectBenchmarks.N / 2), select4 = 4 * Tri(SelectBenchmarks.N / 4);
        Expect(nameof(sb.GoSharp_Select_Unbuffered), sb.GoSharp_Select_Unbuffered(), select2);
        Expect(nameof(sb.GoSharp_Select_Cap1), sb.GoSharp_Select_Cap1(), select2);
        Expect(nameof(sb.Channels_WhenAny_Bounded1), sb.Channels_WhenAny_Bounded1(), select2);
        Expect(nameof(sb.GoSharp_Select4_Unbuffered), sb.GoSharp_Select4_Unbuffered(), select4);
        Expect(nameof(sb.GoSharp_Select4_Cap1), sb.GoSharp_Select4_Cap1(), select4);
        Expect(nameof(sb.Channels_WhenAny4_Bounded1), sb.Channels_WhenAny4_Bounded1(), select4);

        var pr = new ParkReadyBenchmarks();
        Expect(nameof(pr.GoSharp_Gosched), pr.GoSharp_Gosched(), ParkReadyBenchmarks.N);
        Expect(nameof(pr.Tasks_Yield), pr.Tasks_Yield(), ParkReadyBenchmarks.N);
        Expect(nameof(pr.GoSharp_Semaphore), pr.GoSharp_Semaphore(), ParkReadyBenchmarks.RoundTrips);
        Expect(nameof(pr.Tasks_SemaphoreSlim), pr.Tasks_SemaphoreSlim(), ParkReadyBenchmarks.RoundTrips);

        var wg = new WaitGroupBenchmarks();
        Expect(nameof(wg.GoSharp_AddDone), wg.GoSharp_AddDone(), WaitGroupBenchmarks.N);
        Expect(nameof(wg.CountdownEvent_AddSignal), wg.CountdownEvent_AddSignal(), WaitGroupBenchmarks.N);
        Expect(nameof(wg.GoSharp_FanIn), wg.GoSharp_FanIn(), WaitGroupBenchmarks.FanInN);
        Expect(nameof(wg.Tasks_FanIn), wg.Tasks_FanIn(), WaitGroupBenchmarks.FanInN);

        var mu = new MutexBenchmarks();
        Expect(nameof(mu.GoSharp_Mutex), mu.GoSharp_Mutex(), MutexBenchmarks.N);
        Expect(nameof(mu.Tasks_SemaphoreSlim), mu.Tasks_SemaphoreSlim(), MutexBenchmarks.N);
        Expect(nameof(mu.GoSharp_Mutex4), mu.GoSharp_Mutex4(), MutexBenchmarks.N);
        Expect(nameof(mu.Tasks_SemaphoreSlim4), mu.Tasks_SemaphoreSlim4(), MutexBenchmarks.N);

        var tb = new TimerBenchmarks();
        Expect(nameof(tb.GoSharp_Sleep), tb.GoSharp_Sleep(), TimerBenchmarks.Sleepers);
        Expect(nameof(tb.GoSharp_After), tb.GoSharp_After(), TimerBenchmarks.Sleepers);
        Expect(nameof(tb.Tasks_Delay), tb.Tasks_Delay(), TimerBenchmarks.Sleepers);
        Expect(nameof(tb.GoSharp_TimerStop), tb.GoSharp_TimerStop(), TimerBenchmarks.N);
        Expect(nameof(tb.Threading_TimerDispose), tb.Threading_TimerDispose(), TimerBenchmarks.N);

        var cb = new CheckpointBenchmarks();
        Expect(nameof(cb.Flat_Twin), cb.Flat_Twin(), cb.Flat_Original());
        Expect(nameof(cb.Flat_InPlace), cb.Flat_InPlace(), cb.Flat_Original());
        Expect(nameof(cb.Nested_Twin), cb.Nested_Twin(), cb.Nested_Original());
        Expect(nameof(cb.ForEach_Twin), cb.ForEach_Twin(), cb.ForEach_Original());

        var sp = new SpawnBenchmarks();
        sp.GoSharp_Spawn();
        sp.GoSharp_GoAction();
        sp.Tasks_TaskRun();
        Console.WriteLine("ok   spawn benchmarks completed");
        return failures == 0 ? 0 : 1;
    }
}
