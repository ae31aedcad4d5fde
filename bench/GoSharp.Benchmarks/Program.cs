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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
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

        var bb = new BufferedBenchmarks();
        Expect(nameof(bb.GoSharp_Spsc), bb.GoSharp_Spsc(), Tri(BufferedBenchmarks.N));
        Expect(nameof(bb.Channels_Spsc), bb.Channels_Spsc(), Tri(BufferedBenchmarks.N));
        Expect(nameof(bb.GoSharp_Contended4x4), bb.GoSharp_Contended4x4(), Tri(BufferedBenchmarks.N));
        Expect(nameof(bb.Channels_Contended4x4), bb.Channels_Contended4x4(), Tri(BufferedBenchmarks.N));

        var sb = new SelectBenchmarks();
        long selectSum = 2 * Tri(SelectBenchmarks.N / 2);
        Expect(nameof(sb.GoSharp_Select_Unbuffered), sb.GoSharp_Select_Unbuffered(), selectSum);
        Expect(nameof(sb.GoSharp_Select_Cap1), sb.GoSharp_Select_Cap1(), selectSum);
        Expect(nameof(sb.Channels_WhenAny_Bounded1), sb.Channels_WhenAny_Bounded1(), selectSum);

        var sp = new SpawnBenchmarks();
        sp.GoSharp_Spawn();
        sp.GoSharp_GoAction();
        sp.Tasks_TaskRun();
        Console.WriteLine("ok   spawn benchmarks completed");
        return failures == 0 ? 0 : 1;
    }
}
