using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// Channel send and receive. NoWait: one goroutine (task) sends into a channel of capacity 128 and
/// receives the value back, so neither side ever waits (the operations' fast path). SPSC: one
/// producer and one consumer on capacity 128. Buffered4x4 / Unbuffered4x4: 4 producers and 4
/// consumers on one channel of capacity 128 / an unbuffered one (.NET: <c>CreateBounded(0)</c>, its
/// rendezvous channel). One operation is one item sent and received. The uncontended unbuffered
/// case is <see cref="PingPongBenchmarks"/>.
/// </summary>
[Config(typeof(SideBySide))]
public class SendReceiveBenchmarks : BenchBase
{
    public const int N = 100_000;
    public const int UnbufferedN = 20_000;
    private const int Cap = 128;
    private const int Producers = 4, Consumers = 4;

    // ---- GoSharp ----

    private static async GoTask Producer(Chan<int> ch, int lo, int hi, Countdown? wg, GoroutineEntry entry = default)
    {
        await entry;
        for (int i = lo; i < hi; i++)
        {
            await ch.SendAsync(i);
            await Preemption.Checkpoint();
        }

        if (wg is null)
        {
            ch.Close();
        }
        else
        {
            wg.Done();
        }
    }

    private static async GoTask Consumer(Chan<int> ch, long[] sums, int c, Countdown wg, GoroutineEntry entry = default)
    {
        await entry;
        long s = 0;
        await foreach (int v in ch)
        {
            s += v;
            await Preemption.Checkpoint();
        }

        sums[c * 8] = s;
        wg.Done();
    }

    private static async GoTask<long> GoSpsc(int n, GoroutineEntry entry = default)
    {
        await entry;
        var ch = new Chan<int>(Cap);
        Goroutines.Spawn(Producer(ch, 0, n, null, GoroutineEntry.Spawn));
        long sum = 0;
        await foreach (int v in ch)
        {
            sum += v;
            await Preemption.Checkpoint();
        }

        return sum;
    }

    private static async GoTask<long> GoNoWait(int n, GoroutineEntry entry = default)
    {
        await entry;
        var ch = new Chan<int>(Cap);
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            await ch.SendAsync(i);
            sum += await ch.ReceiveAsync();
            await Preemption.Checkpoint();
        }

        return sum;
    }

    private static async GoTask<long> GoContended(int capacity, int n, GoroutineEntry entry = default)
    {
        await entry;
        var ch = new Chan<int>(capacity);
        var pwg = new Countdown(Producers);
        var cwg = new Countdown(Consumers);
        int per = n / Producers;
        for (int p = 0; p < Producers; p++)
        {
            Goroutines.Spawn(Producer(ch, p * per, (p + 1) * per, pwg, GoroutineEntry.Spawn));
        }

        long[] sums = new long[Consumers * 8];
        for (int c = 0; c < Consumers; c++)
        {
            Goroutines.Spawn(Consumer(ch, sums, c, cwg, GoroutineEntry.Spawn));
        }

        await pwg.WaitAsync();
        ch.Close();
        await cwg.WaitAsync();
        long sum = 0;
        for (int c = 0; c < Consumers; c++)
        {
            sum += sums[c * 8];
        }

        return sum;
    }

    // ---- System.Threading.Channels ----

    private static async Task<long> ChannelsSpsc(int n)
    {
        var ch = Channel.CreateBounded<int>(new BoundedChannelOptions(Cap) { SingleReader = true, SingleWriter = true });
        Task producer = Task.Run(async () =>
        {
            for (int i = 0; i < n; i++)
            {
                await ch.Writer.WriteAsync(i);
            }

            ch.Writer.Complete();
        });
        long sum = 0;
        await foreach (int v in ch.Reader.ReadAllAsync())
        {
            sum += v;
        }

        await producer;
        return sum;
    }

    private static async Task<long> ChannelsNoWait(int n)
    {
        var ch = Channel.CreateBounded<int>(new BoundedChannelOptions(Cap) { SingleReader = true, SingleWriter = true });
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            await ch.Writer.WriteAsync(i);
            sum += await ch.Reader.ReadAsync();
        }

        return sum;
    }

    private static async Task<long> ChannelsContended(int capacity, int n)
    {
        var ch = Channel.CreateBounded<int>(new BoundedChannelOptions(capacity));
        int per = n / Producers;
        var producers = new Task[Producers];
        for (int p = 0; p < Producers; p++)
        {
            int lo = p * per, hi = (p + 1) * per;
            producers[p] = Task.Run(async () =>
            {
                for (int i = lo; i < hi; i++)
                {
                    await ch.Writer.WriteAsync(i);
                }
            });
        }

        var consumers = new Task<long>[Consumers];
        for (int c = 0; c < Consumers; c++)
        {
            consumers[c] = Task.Run(async () =>
            {
                long s = 0;
                await foreach (int v in ch.Reader.ReadAllAsync())
                {
                    s += v;
                }

                return s;
            });
        }

        await Task.WhenAll(producers);
        ch.Writer.Complete();
        return (await Task.WhenAll(consumers)).Sum();
    }

    /// <summary>GoSharp, <c>await ch.SendAsync(i); sum += await ch.ReceiveAsync();</c> on <c>new Chan&lt;int&gt;(128)</c>.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("NoWait")]
    public long GoSharp_NoWait() => Goroutines.Run(GoNoWait(N, GoroutineEntry.Spawn));

    /// <summary>Channels, <c>await WriteAsync(i); sum += await ReadAsync();</c> on <c>CreateBounded(128)</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("NoWait")]
    public long Channels_NoWait() => ChannelsNoWait(N).GetAwaiter().GetResult();

    /// <summary>GoSharp, 1 producer goroutine, 1 consumer (<c>await foreach</c>), <c>new Chan&lt;int&gt;(128)</c>.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("SPSC")]
    public long GoSharp_Spsc() => Goroutines.Run(GoSpsc(N, GoroutineEntry.Spawn));

    /// <summary>Channels, <c>CreateBounded(128)</c> single reader/writer, WriteAsync / ReadAllAsync.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("SPSC")]
    public long Channels_Spsc() => ChannelsSpsc(N).GetAwaiter().GetResult();

    /// <summary>GoSharp, 4 producers x 4 consumers on one <c>new Chan&lt;int&gt;(128)</c>.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    [BenchmarkCategory("Buffered4x4")]
    public long GoSharp_Buffered4x4() => Goroutines.Run(GoContended(Cap, N, GoroutineEntry.Spawn));

    /// <summary>Channels, 4 producer and 4 consumer tasks on one <c>CreateBounded(128)</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    [BenchmarkCategory("Buffered4x4")]
    public long Channels_Buffered4x4() => ChannelsContended(Cap, N).GetAwaiter().GetResult();

    /// <summary>GoSharp, 4 producers x 4 consumers on one <c>new Chan&lt;int&gt;()</c> (unbuffered).</summary>
    [Benchmark(OperationsPerInvoke = UnbufferedN)]
    [BenchmarkCategory("Unbuffered4x4")]
    public long GoSharp_Unbuffered4x4() => Goroutines.Run(GoContended(0, UnbufferedN, GoroutineEntry.Spawn));

    /// <summary>Channels, 4 producer and 4 consumer tasks on one <c>CreateBounded(0)</c> (rendezvous).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = UnbufferedN)]
    [BenchmarkCategory("Unbuffered4x4")]
    public long Channels_Bounded0_4x4() => ChannelsContended(0, UnbufferedN).GetAwaiter().GetResult();
}
