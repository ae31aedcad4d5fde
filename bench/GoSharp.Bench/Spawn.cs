using System.Diagnostics;
using static GoSharp.Go;

namespace GoSharp.Bench;

// 2. spawn: n goroutines that each signal a WaitGroup; wait for all.
internal static partial class Spawn
{
    public enum Mode
    {
        /// <summary>go(() => Worker(wg)) with a [Goroutine] Worker: the generated, allocation-free spawn of its twin.</summary>
        Method,

        /// <summary>go(() => { wg.Done(); }): the generator makes it an async lambda, go(Func&lt;GoTask&gt;) (FuncG).</summary>
        Lambda,

        /// <summary>go(wg.Done): a plain Action delegate, go(Action) (ActionG, runs on the scheduler thread's stack).</summary>
        Action,
    }

    [Goroutine]
    private static void Worker(WaitGroup wg) => wg.Done();

    [Goroutine]
    public static void Run(string name, int n, Mode mode)
    {
        long t0 = Stopwatch.GetTimestamp();
        var wg = new WaitGroup();
        wg.Add(n);
        for (int i = 0; i < n; i++)
        {
            switch (mode)
            {
                case Mode.Method:
                    go(() => Worker(wg));
                    break;
                case Mode.Lambda:
                    go(() => { wg.Done(); });
                    break;
                default:
                    go(wg.Done);
                    break;
            }
        }

        wg.Wait();
        double ms = Program.Ms(t0);
        Console.WriteLine($"{name} lang=gosharp n={n} ms={ms:F1} ns_per_spawn={ms * 1e6 / Math.Max(n, 1):F0}");
    }
}
