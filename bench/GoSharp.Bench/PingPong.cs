using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 4. pingpong: two goroutines bounce an int over two unbuffered channels, n round trips.
internal static partial class PingPong
{
    [Goroutine]
    private static void Echo(Chan<int> ping, Chan<int> pong)
    {
        foreach (int v in ping)
        {
            pong.Send(v + 1);
        }

        pong.Close();
    }

    [Goroutine]
    public static void Run(string name, int n)
    {
        var ping = new Chan<int>();
        var pong = new Chan<int>();
        go(() => Echo(ping, pong));
        long t0 = Stopwatch.GetTimestamp();
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            ping.Send(v);
            v = pong.Receive();
        }

        double ms = Program.Ms(t0);
        ping.Close();
        Console.WriteLine($"{name} lang=gosharp n={n} ms={ms:F1} ns_per_rt={ms * 1e6 / Math.Max(n, 1):F0} v={v}");
    }
}
