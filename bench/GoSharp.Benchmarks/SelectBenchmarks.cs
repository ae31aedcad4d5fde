using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// A consumer selecting over two channels, each fed by its own producer (N/2 items each). One
/// operation is one item received through the select. GoSharp: <c>await Go.SelectAsync(a.OnReceive(),
/// b.OnReceive())</c>. Channels: the usual equivalent, TryRead on either, else
/// <c>Task.WhenAny(a.WaitToReadAsync(), b.WaitToReadAsync())</c>.
/// </summary>
[MemoryDiagnoser]
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

    private static async Task<long> ChannelsWhenAny(int capacity, int n)
    {
        var a = Channel.CreateBounded<int>(new BoundedChannelOptions(capacity) { SingleWriter = true });
        var b = Channel.CreateBounded<int>(new BoundedChannelOptions(capacity) { SingleWriter = true });
        static async Task Produce(ChannelWriter<int> w, int count)
        {
            for (int i = 0; i < count; i++)
            {
                await w.WriteAsync(i);
            }
        }

        Task pa = Task.Run(() => Produce(a.Writer, n / 2));
        Task pb = Task.Run(() => Produce(b.Writer, n / 2));
        long sum = 0;
        int got = 0;
        while (got < n)
        {
            if (a.Reader.TryRead(out int v) || b.Reader.TryRead(out v))
            {
                sum += v;
                got++;
                continue;
            }

            await Task.WhenAny(a.Reader.WaitToReadAsync().AsTask(), b.Reader.WaitToReadAsync().AsTask());
        }

        await Task.WhenAll(pa, pb);
        return sum;
    }

    /// <summary>GoSharp select over two unbuffered channels (Go's make(chan int)).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public long GoSharp_Select_Unbuffered() => Goroutines.Run(GoSelect(0, N, GoroutineEntry.Spawn));

    /// <summary>GoSharp select over two channels of capacity 1 (same buffering as the Channels case).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public long GoSharp_Select_Cap1() => Goroutines.Run(GoSelect(1, N, GoroutineEntry.Spawn));

    /// <summary>Channels <c>CreateBounded(1)</c>: TryRead, else Task.WhenAny over WaitToReadAsync.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public long Channels_WhenAny_Bounded1() => ChannelsWhenAny(1, N).GetAwaiter().GetResult();
}
