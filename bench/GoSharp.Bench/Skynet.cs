using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 1. skynet (atemerev/skynet): a 10-ary tree with `size` leaves (1,111,111 goroutines for 1M);
// each leaf sends its number, each parent receives its 10 children's sums over an unbuffered
// channel and sends the total up.
internal static partial class Skynet
{
    [Goroutine]
    private static void Node(Chan<long> c, long num, long size, long div, bool buffered)
    {
        if (size == 1)
        {
            c.Send(num);
            return;
        }

        var rc = buffered ? new Chan<long>((int)div) : new Chan<long>();
        long sum = 0;
        for (long i = 0; i < div; i++)
        {
            long subNum = num + (i * (size / div));
            go(() => Node(rc, subNum, size / div, div, buffered));
        }

        for (long i = 0; i < div; i++)
        {
            sum += rc.Receive();
        }

        c.Send(sum);
    }

    /// <summary>Go's <c>run(size)</c>; <paramref name="buffered"/>: each parent's channel has room for its 10 children.</summary>
    [Goroutine]
    public static void Run(string name, int size, bool buffered)
    {
        long t0 = Stopwatch.GetTimestamp();
        var c = new Chan<long>();
        go(() => Node(c, 0, size, 10, buffered));
        long sum = c.Receive();
        double ms = Program.Ms(t0);
        Console.WriteLine($"{name} lang=gosharp n={size} ms={ms:F1} sum={sum}");
    }
}
