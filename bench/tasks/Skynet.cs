using System.Threading.Channels;

namespace TasksBench;

// 1. skynet: a 10-ary tree of tasks with `size` leaves. A leaf writes its number to its parent's
// channel; a parent starts its ten children with Task.Run, reads ten sums and writes the total up.
internal static class Skynet
{
    private static Channel<long> NewResults() =>
        Channel.CreateBounded<long>(new BoundedChannelOptions(1) { SingleReader = true });

    private static async Task Node(ChannelWriter<long> up, long first, long leaves)
    {
        if (leaves == 1)
        {
            await up.WriteAsync(first);
            return;
        }

        var children = NewResults();
        long step = leaves / 10;
        for (long k = 0; k < 10; k++)
        {
            long childFirst = first + (k * step);
            _ = Task.Run(() => Node(children.Writer, childFirst, step));
        }

        long total = 0;
        for (int k = 0; k < 10; k++)
        {
            total += await children.Reader.ReadAsync();
        }

        await up.WriteAsync(total);
    }

    public static async Task Run(int size)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var root = NewResults();
        _ = Task.Run(() => Node(root.Writer, 0, size));
        long sum = await root.Reader.ReadAsync();
        Console.WriteLine($"skynet lang=dotnet n={size} ms={Program.Ms(t0):F1} sum={sum}");
    }
}
