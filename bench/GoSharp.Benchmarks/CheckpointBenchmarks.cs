using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// What preemption checkpoints cost a tight loop (the goal: the twin keeps at least 90% of the
/// original's speed). Each pair runs the user's synchronous method and its generated
/// <c>[Goroutine]</c> twin in a goroutine (<c>Go.Run(() =&gt; F(n))</c>, intercepted into
/// <c>Goroutines.Run(F__Goroutine(GoroutineEntry.Spawn, n))</c>), whose loops are outlined into
/// synchronous helpers that poll the preemption flag (counted loops and <c>foreach</c> over an
/// array once per 1,024 iterations). <c>InPlace</c> is the form the generator
/// still uses for loops that park: the flag test inside the async state machine. The baseline of
/// each category is the original synchronous method called directly.
/// </summary>
[Config(typeof(SideBySide))]
public partial class CheckpointBenchmarks : BenchBase
{
    public const int N = 10_000_000;
    public const int Outer = 10_000;
    public const int Inner = 1_000;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Flat")]
    public long Flat_Original() => SumSquares(N);

    [Benchmark]
    [BenchmarkCategory("Flat")]
    public long Flat_Twin() => Go.Run(() => SumSquares(N));

    [Benchmark]
    [BenchmarkCategory("Flat")]
    public long Flat_InPlace() => Goroutines.Run(SumSquaresInPlace(N, GoroutineEntry.Spawn));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Nested")]
    public long Nested_Original() => NestedXor(Outer, Inner);

    [Benchmark]
    [BenchmarkCategory("Nested")]
    public long Nested_Twin() => Go.Run(() => NestedXor(Outer, Inner));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ForEach")]
    public long ForEach_Original() => SumArray(s_data);

    [Benchmark]
    [BenchmarkCategory("ForEach")]
    public long ForEach_Twin() => Go.Run(() => SumArray(s_data));

    private static readonly int[] s_data = Enumerable.Range(0, N).Select(i => i * 7 % 1000).ToArray();

    [Goroutine]
    public static long SumArray(int[] data)
    {
        long sum = 0;
        foreach (int value in data)
        {
            sum += value;
        }

        return sum;
    }

    [Goroutine]
    public static long SumSquares(int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += (long)i * i % 1_000_003;
        }

        return sum;
    }

    [Goroutine]
    public static long NestedXor(int outer, int inner)
    {
        long sum = 0;
        for (int a = 0; a < outer; a++)
        {
            for (int b = 0; b < inner; b++)
            {
                sum += (a ^ b) & 0xFF;
            }
        }

        return sum;
    }

    /// <summary>The previous generated form, written by hand: the flag test on every iteration of an async loop.</summary>
    private static async GoTask<long> SumSquaresInPlace(int n, GoroutineEntry entry)
    {
        await entry;
        PreemptionFlag flag = Preemption.Current;
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (flag.IsRequested)
            {
                await Preemption.Checkpoint();
            }

            sum += (long)i * i % 1_000_003;
        }

        return sum;
    }
}
