using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 5. sieve: Go's classic concurrent prime sieve (generator + daisy chain of filter goroutines over
// unbuffered channels); first n primes. As in Go, the generator and the filters are left parked
// when the run ends.
internal static partial class Sieve
{
    [Goroutine]
    private static void Generate(Chan<int> ch)
    {
        for (int i = 2; ; i++)
        {
            ch.Send(i);
        }
    }

    [Goroutine]
    private static void Filter(Chan<int> input, Chan<int> output, int prime)
    {
        while (true)
        {
            int i = input.Receive();
            if (i % prime != 0)
            {
                output.Send(i);
            }
        }
    }

    [Goroutine]
    public static void Run(string name, int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        var ch = new Chan<int>();
        go(() => Generate(ch));
        int prime = 0;
        for (int i = 0; i < n; i++)
        {
            prime = ch.Receive();
            var ch1 = new Chan<int>();
            go(() => Filter(ch, ch1, prime));
            ch = ch1;
        }

        double ms = Program.Ms(t0);
        Console.WriteLine($"{name} lang=gosharp n={n} ms={ms:F1} last={prime}");
    }
}
