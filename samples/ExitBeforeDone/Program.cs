using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// The classic Go mistake: main returns while its goroutines are still working. In Go the program
// exits and their work is lost. In GoSharp Go.Run returns as soon as the main goroutine does; the
// goroutines it left behind are cut off when the process exits, just the same.
public static partial class Program
{
    private const int Jobs = 1_000;

    public static void Main()
    {
        // Go:  for i := 0; i < jobs; i++ { go work(i, &done) }   // and main returns at once
        Report("Without a WaitGroup", done => Go.Run(() =>
        {
            for (int i = 0; i < Jobs; i++)
            {
                int job = i; // C#'s for loop has one i for all iterations (GOSH017); Go 1.22 has one per iteration
                go(() => Work(job, done)); // the mistake: nothing waits for these (GOSH011)
            }
        }));

        Report("With a WaitGroup", done => Go.Run(() => Careful(done)));
    }

    private static void Report(string title, Action<Tally> run)
    {
        var done = new Tally();
        var clock = Stopwatch.StartNew();
        run(done);
        Console.WriteLine($"{title,-20}: main returned after {clock.ElapsedMilliseconds,4} ms; {done.Count,4} of {Jobs} jobs were done");
    }

    // Go:  wg.Add(1); go func() { defer wg.Done(); work(i, &done) }()   ...   wg.Wait()
    [Goroutine]
    private static void Careful(Tally done)
    {
        var wg = new WaitGroup();
        for (int i = 0; i < Jobs; i++)
        {
            wg.Add(1); // before the go statement: inside the goroutine it could come after Wait
            go(() => WorkThenDone(i, done, wg));
        }

        wg.Wait();
    }

    [Goroutine]
    private static void WorkThenDone(int id, Tally done, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        Work(id, done);
    }

    [Goroutine]
    private static void Work(int id, Tally done)
    {
        Sleep(TimeSpan.FromMilliseconds(20 + id % 30)); // a little I/O
        done.Add();
    }

    /// <summary>How many jobs finished (Go: an atomic.Int64).</summary>
    private sealed class Tally
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }
}
