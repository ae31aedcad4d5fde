using System.Diagnostics;
using System.Threading.Channels;

namespace TasksBench;

// 4. pingpong: the main task writes an int to ping, an echo task writes it back plus one to pong;
// n round trips. The final value is n.
internal static class PingPong
{
    private static Channel<int> NewChannel() =>
        Channel.CreateBounded<int>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private static async Task Echo(ChannelReader<int> ping, ChannelWriter<int> pong)
    {
        await foreach (int v in ping.ReadAllAsync())
        {
            await pong.WriteAsync(v + 1);
        }

        pong.Complete();
    }

    public static async Task Run(int n)
    {
        var ping = NewChannel();
        var pong = NewChannel();
        Task echo = Task.Run(() => Echo(ping.Reader, pong.Writer));
        long t0 = Stopwatch.GetTimestamp();
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            await ping.Writer.WriteAsync(v);
            v = await pong.Reader.ReadAsync();
        }

        double ms = Program.Ms(t0);
        ping.Writer.Complete();
        await echo;
        Console.WriteLine($"pingpong lang=dotnet n={n} ms={ms:F1} ns_per_rt={ms * 1e6 / Math.Max(n, 1):F0} v={v}");
    }
}
