using System.Diagnostics;
using System.Threading.Channels;

namespace TasksBench;

// 5. sieve: a generator task writes 2, 3, 4, ... into a chain of channels; each prime found adds a
// filter task passing on what its prime does not divide. The n-th prime is the checksum. As in Go,
// the chain is left waiting at the end.
internal static class Sieve
{
    private static Channel<int> NewLink() =>
        Channel.CreateBounded<int>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private static async Task Generate(ChannelWriter<int> output)
    {
        for (int i = 2; ; i++)
        {
            await output.WriteAsync(i);
        }
    }

    private static async Task Filter(ChannelReader<int> input, ChannelWriter<int> output, int prime)
    {
        await foreach (int v in input.ReadAllAsync())
        {
            if (v % prime != 0)
            {
                await output.WriteAsync(v);
            }
        }
    }

    public static async Task Run(int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var head = NewLink();
        _ = Task.Run(() => Generate(head.Writer));
        int prime = 0;
        for (int i = 0; i < n; i++)
        {
            prime = await head.Reader.ReadAsync();
            var next = NewLink();
            ChannelReader<int> input = head.Reader;
            int p = prime;
            _ = Task.Run(() => Filter(input, next.Writer, p));
            head = next;
        }

        Console.WriteLine($"sieve lang=dotnet n={n} ms={Program.Ms(t0):F1} last={prime}");
    }
}
