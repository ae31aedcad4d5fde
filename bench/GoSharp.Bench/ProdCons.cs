using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 6. prodcons: 4 producers, 4 consumers, one buffered channel (cap 128), n ints.
internal static partial class ProdCons
{
    private const int P = 4, C = 4, Cap = 128;

    [Goroutine]
    private static void Producer(Chan<int> ch, int lo, int hi, WaitGroup pwg)
    {
        for (int i = lo; i < hi; i++)
        {
            ch.Send(i);
        }

        pwg.Done();
    }

    [Goroutine]
    private static void Consumer(Chan<int> ch, long[] sums, int c, WaitGroup cwg)
    {
        long s = 0;
        foreach (int v in ch)
        {
            s += v;
        }

        sums[c * 8] = s;
        cwg.Done();
    }

    [Goroutine]
    public static void Run(string name, int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var ch = new Chan<int>(Cap);
        var pwg = new WaitGroup();
        var cwg = new WaitGroup();
        int per = n / P;
        for (int p = 0; p < P; p++)
        {
            pwg.Add(1);
            go(() => Producer(ch, p * per, (p + 1) * per, pwg));
        }

        long[] sums = new long[C * 8]; // padded against false sharing
        for (int c = 0; c < C; c++)
        {
            cwg.Add(1);
            go(() => Consumer(ch, sums, c, cwg));
        }

        pwg.Wait();
        ch.Close();
        cwg.Wait();
        long sum = 0;
        for (int c = 0; c < C; c++)
        {
            sum += sums[c * 8];
        }

        double ms = Program.Ms(t0);
        int items = P * per;
        Console.WriteLine($"{name} lang=gosharp n={items} ms={ms:F1} ns_per_item={ms * 1e6 / Math.Max(items, 1):F1} sum={sum}");
    }
}
