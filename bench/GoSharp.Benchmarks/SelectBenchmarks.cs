using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// A consumer selecting over two (four) channels, each fed by its own producer (N/2, N/4 items
/// each). One operation is one item received through the select. GoSharp: <c>await
/// Go.SelectAsync(a.OnReceive(), b.OnReceive())</c>. Channels: the usual equivalent, TryRead on
/// each, else <c>Task.WhenAny</c> over their <c>WaitToReadAsync()</c>.
/// </summary>
[Config(typeof(SideBySide))]
public class SelectBenchmarks : BenchBase
{
    public const int N = 10_000;

    private static async GoTask Producer(Chan<int> c, int n, GoroutineEntry entry = default)
    {
        await entry;
        for (int i = 0; i < n; i++)
        {
            await c.SendAsync(i);
            await Preemption.Checkpoint();
        }
    }

    private static async GoTask<long> GoSelect(int capacity, int n, GoroutineEntry entry = default)
    {
        await entry;
        var a = new Chan<int>(capacity);
        var b = new Chan<int>(capacity);
        Goroutines.Spawn(Producer(a, n / 2, GoroutineEntry.Spawn));
        Goroutines.Spawn(Producer(b, n / 2, GoroutineEntry.Spawn));
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            var r = await Go.SelectAsync(a.OnReceive(), b.OnReceive());
            sum += r.Index == 0 ? r.Case0.Value : r.Case1.Value;
            await Preemption.Checkpoint();
        }

        return sum;
    }

    private static async GoTask<long> GoSelect4(int capacity, int n, GoroutineEntry entry = default)
    {
        await entry;
        var a = new Chan<int>(capacity);
        var b = new Chan<int>(capacity);
        var c = new Chan<int>(capacity);
        var d = new Chan<int>(capacity);
        foreach (Chan<int> ch in new[] { a, b, c, d })
        {
            Goroutines.Spawn(Producer(ch, n / 4, GoroutineEntry.Spawn));
        }

        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            var r = await Go.SelectAsync(a.OnReceive(), b.OnReceive(), c.OnReceive(), d.OnReceive());
            sum += r.Index switch { 0 => r.Case0.Value, 1 => r.Case1.Value, 2 => r.Case2.Value, _ => r.Case3.Value };
            await Preemption.Checkpoint();
        }

        return sum;
    }

    /// <summary>
    /// <paramref name="ways"/> producers, one per channel (<paramref name="n"/> / ways items each),
    /// and a consumer that takes from whichever has an item.
    /// </summary>
    private static async Task<long> ChannelsWhenAny(int capacity, int n, int ways)
    {
        var readers = new ChannelReader<int>[ways];
        var producers = new Task[ways];
        for (int k = 0; k < ways; k++)
        {
            var ch = Channel.CreateBounded<int>(new BoundedChannelOptions(capacity) { SingleWriter = true });
            readers[k] = ch.Reader;
            producers[k] = Task.Run(() => Produce(ch.Writer, n / ways));
        }

        static async Task Produce(ChannelWriter<int> w, int count)
        {
            for (int i = 0; i < count; i++)
            {
                await w.WriteAsync(i);
            }
        }

        var waits = new Task[ways];
        long sum = 0;
        int got = 0;
        while (got < n)
        {
            bool any = false;
            foreach (ChannelReader<int> r in readers)
            {
                if (r.TryRead(out int v))
                {
                    sum += v;
                    got++;
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                for (int k = 0; k < ways; k++)
                {
                    waits[k] = readers[k].WaitToReadAsync().AsTask();
                }

                await Task.WhenAny(waits);
            }
        }

        await Task.WhenAll(producers);
        return sum;
    }

    /// <summary>GoSharp select over two unbuffered channels (Go's make(chan int)).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("2 cases")]
    public long GoSharp_Select_Unbuffered() => Goroutines.Run(GoSelect(0, N, GoroutineEntry.Spawn));

    /// <summary>GoSharp select over two channels of capacity 1 (same buffering as the Channels case).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("2 cases")]
    public long GoSharp_Select_Cap1() => Goroutines.Run(GoSelect(1, N, GoroutineEntry.Spawn));

    /// <summary>Channels <c>CreateBounded(1)</c>: TryRead, else Task.WhenAny over WaitToReadAsync.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("2 cases")]
    public long Channels_WhenAny_Bounded1() => ChannelsWhenAny(1, N, 2).GetAwaiter().GetResult();

    /// <summary>GoSharp select over four unbuffered channels.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("4 cases")]
    public long GoSharp_Select4_Unbuffered() => Goroutines.Run(GoSelect4(0, N, GoroutineEntry.Spawn));

    /// <summary>GoSharp select over four channels of capacity 1.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("4 cases")]
    public long GoSharp_Select4_Cap1() => Goroutines.Run(GoSelect4(1, N, GoroutineEntry.Spawn));

    /// <summary>Channels: four <c>CreateBounded(1)</c>, TryRead on each, else Task.WhenAny over the four WaitToReadAsync.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("4 cases")]
    public long Channels_WhenAny4_Bounded1() => ChannelsWhenAny(1, N, 4).GetAwaiter().GetResult();
}
