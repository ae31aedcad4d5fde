using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// Go's concurrent prime sieve (the daisy chain of filters of Go's own examples and of
// go/test/chan/sieve1.go), ported line by line. Each prime found adds a goroutine that removes its
// multiples from the stream: the 1,000th prime passes through 999 goroutines on its way.
public static partial class Program
{
    private const int Primes = 1_000;

    public static void Main()
    {
        var clock = Stopwatch.StartNew();
        List<int> primes = Go.Run(() => Sieve(Primes));
        Console.WriteLine($"first primes: {string.Join(' ', primes.Take(25))}");
        Console.WriteLine($"prime #{Primes:N0} = {primes[^1]}, found by a chain of {Primes - 1:N0} goroutines in {clock.ElapsedMilliseconds} ms");
    }

    // Go: func generate(ch chan<- int) — every integer from 2 up.
    [Goroutine]
    private static void Generate(SendOnlyChan<int> ch)
    {
        for (int i = 2; ; i++)
        {
            ch.Send(i); // ch <- i
        }
    }

    // Go: func filter(in <-chan int, out chan<- int, prime int) — passes on what prime does not divide.
    [Goroutine]
    private static void Filter(ReceiveOnlyChan<int> @in, SendOnlyChan<int> @out, int prime)
    {
        while (true)
        {
            int i = @in.Receive(); // i := <-in
            if (i % prime != 0)
            {
                @out.Send(i); // out <- i
            }
        }
    }

    // Go: func main() — each prime read from the head of the chain gets a filter of its own.
    [Goroutine]
    private static List<int> Sieve(int n)
    {
        var primes = new List<int>(n);
        var ch = new Chan<int>(); // ch := make(chan int)
        go(() => Generate(ch));   // go generate(ch)
        for (int i = 0; i < n; i++)
        {
            int prime = ch.Receive();
            primes.Add(prime);
            var ch1 = new Chan<int>();
            go(() => Filter(ch, ch1, prime)); // ch is read here, before the next line changes it
            ch = ch1;
        }

        return primes; // as in Go, the chain is left running: it ends with the process
    }
}
