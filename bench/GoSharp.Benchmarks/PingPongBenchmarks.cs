using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace GoSharp.Benchmarks;

/// <summary>
/// Unbuffered ping-pong: two goroutines (tasks) bounce an int over two channels. One operation is
/// one round trip (two hand-offs, each parking and readying the peer).
/// </summary>
[Config(typeof(SideBySide))]
public class PingPongBenchmarks : BenchBase
{
    public const int N = 10_000;

    private static async GoTask Echo(Chan<int> ping, Chan<int> pong, int n, GoroutineEntry entry = default)
    {
        await entry;
        for (int i = 0; i < n; i++)
        {
            int v = await ping.ReceiveAsync();
            await pong.SendAsync(v + 1);
            await Preemption.Checkpoint();
        }
    }

    private static async GoTask<int> GoMain(int n, GoroutineEntry entry = default)
    {
        await entry;
        var ping = new Chan<int>();
        var pong = new Chan<int>();
        Goroutines.Spawn(Echo(ping, pong, n, GoroutineEntry.Spawn));
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            await ping.SendAsync(v);
            v = await pong.ReceiveAsync();
            await Preemption.Checkpoint();
        }

        return v;
    }

    private static async Task<int> ChannelsPingPong(int capacity, int n)
    {
        var options = new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true };
        var ping = Channel.CreateBounded<int>(options);
        var pong = Channel.CreateBounded<int>(options);
        Task echo = Task.Run(async () =>
        {
            for (int i = 0; i < n; i++)
            {
                int x = await ping.Reader.ReadAsync();
                await pong.Writer.WriteAsync(x + 1);
            }
        });
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            await ping.Writer.WriteAsync(v);
            v = await pong.Reader.ReadAsync();
        }

        await echo;
        return v;
    }

    /// <summary>GoSharp: <c>new Chan&lt;int&gt;()</c> both ways (Go's make(chan int)).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int GoSharp_Unbuffered() => Goroutines.Run(GoMain(N, GoroutineEntry.Spawn));

    /// <summary>System.Threading.Channels: <c>CreateBounded(0)</c>, .NET 10's rendezvous channel.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int Channels_Bounded0() => ChannelsPingPong(0, N).GetAwaiter().GetResult();

    /// <summary>System.Threading.Channels: <c>CreateBounded(1)</c> (bench/tasks' mapping of make(chan T)).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public int Channels_Bounded1() => ChannelsPingPong(1, N).GetAwaiter().GetResult();
}
