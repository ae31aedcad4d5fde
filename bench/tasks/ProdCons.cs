using System.Diagnostics;
using System.Threading.Channels;

namespace TasksBench;

// 6. prodcons: 4 producer tasks write 0..n-1 (a quarter each) into one channel of capacity 128;
// 4 consumer tasks read it to the end and add up what they get. The total is n(n-1)/2.
internal static class ProdCons
{
    private const int Producers = 4, Consumers = 4, Capacity = 128;

    private static async Task Produce(ChannelWriter<int> output, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            await output.WriteAsync(i);
        }
    }

    private static async Task<long> Consume(ChannelReader<int> input)
    {
        long s = 0;
        await foreach (int v in input.ReadAllAsync())
        {
            s += v;
        }

        return s;
    }

    public static async Task Run(int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var ch = Channel.CreateBounded<int>(Capacity);
        int share = n / Producers;
        var producers = new Task[Producers];
        for (int p = 0; p < Producers; p++)
        {
            int from = p * share, to = (p + 1) * share;
            producers[p] = Task.Run(() => Produce(ch.Writer, from, to));
        }

        var consumers = new Task<long>[Consumers];
        for (int c = 0; c < Consumers; c++)
        {
            consumers[c] = Task.Run(() => Consume(ch.Reader));
        }

        await Task.WhenAll(producers);
        ch.Writer.Complete();
        long sum = (await Task.WhenAll(consumers)).Sum();
        int items = Producers * share;
        double ms = Program.Ms(t0);
        Console.WriteLine($"prodcons lang=dotnet n={items} ms={ms:F1} ns_per_item={ms * 1e6 / Math.Max(items, 1):F1} sum={sum}");
    }
}
