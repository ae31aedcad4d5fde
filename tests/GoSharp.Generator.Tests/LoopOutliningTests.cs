using System.Reflection;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Loops outlined into synchronous helpers (docs/generator.md, "Loop outlining") behave exactly
/// as the user's loops: same results with continue/break, the same state seen by a handler after
/// a throw, and the same result when the loop is preempted and resumed many times.
/// </summary>
[Collection(SchedulerBound.Name)]
public class LoopOutliningTests
{
    private const string Source = """
        using GoSharp;
        using static GoSharp.Go;
        using System.Diagnostics;

        public partial class Program
        {
            private readonly int _scale;

            private Program(int scale) => _scale = scale;

            public static string Synchronous(int n) => Report(n, new Program(3).Loops(n), Throws(n), Escapes(n));

            public static string AsGoroutine(int n) => Report(n, Go.Run(() => new Program(3).Loops(n)), Go.Run(() => Throws(n)), Go.Run(() => Escapes(n)));

            private static string Report(int n, string loops, string throws, string escapes) => n + ":" + loops + "|" + throws + "|" + escapes;

            [Goroutine]
            string Loops(int n)
            {
                long sum = 0;
                for (int i = 0, j = n; i < j; i++)
                {
                    if (i % 3 == 0) continue;
                    if (sum > 1_000_000_000) break;
                    sum += (long)i * i % 7 * _scale;
                }

                int k = 0;
                for (k = 1; ; k *= 2)
                {
                    if (k > n) break;
                }

                int w = 0;
                int found = -1;
                while (w < n)
                {
                    if (w * w > n) { found = w; break; }
                    w++;
                }

                long nested = 0;
                for (int a = 0; a < 300; a++)
                    for (int b = 0; b < a; b++)
                        nested += a ^ b;

                // Strip-mined loops (polled once per chunk): every bound form, continue, a switch's
                // break, and counters at the ends of int's range.
                long strips = 0;
                int[] data = new int[n % 5000 + 3];
                for (int x = 0; x < data.Length; x++) { data[x] = x * 7 % 13; }
                for (int x = 0; x < data.Length; x++)
                {
                    if (data[x] == 3) continue;
                    switch (data[x]) { case 5: strips += 2; break; default: strips++; break; }
                }

                for (int x = int.MaxValue - 3000; x < int.MaxValue; x++) strips += x & 1;
                for (int x = int.MinValue; x < int.MinValue + n % 4000; ++x) strips += 1;
                for (long y = -5; y < n; y += 1) strips ^= y;
                const int Limit = 2500;
                for (int x = 0; x < Limit; x++) strips += x % 3;
                string text = "strip-mined";
                for (int x = 0; x < text.Length; x++) strips += text[x];

                // do loops and foreach over arrays and strings: with break, continue, a conversion,
                // deconstruction, and a body that writes the array variable (foreach read it once).
                int d = 0;
                do { d += 3; if (d % 7 == 0) continue; strips += d; } while (d < n);
                do { d--; if (d == n / 2) break; } while (d > 0);
                foreach (int v in data) { if (v == 4) continue; strips += v * 3; }
                foreach (var v in data) { if (v == 12) break; strips++; }
                foreach (long v in data) strips -= v;
                foreach (char c in text) strips += c == '-' ? 100 : 1;
                (int, int)[] pairs = [(1, 2), (3, 4), (n, 5)];
                foreach (var (p, q) in pairs) strips += p * q;
                foreach (int v in data) { data = new int[1]; strips += v; }

                return sum + "," + k + "," + w + "," + found + "," + nested + "," + strips + "," + d;
            }

            [Goroutine]
            static string Throws(int n)
            {
                long acc = 0;
                int i = 0;
                try
                {
                    for (; i < n; i++)
                    {
                        acc += i;
                        if (i == n / 2) throw new InvalidOperationException("at " + i);
                    }
                }
                catch (InvalidOperationException e)
                {
                    return e.Message + " i=" + i + " acc=" + acc;
                }

                return "none";
            }

            [Goroutine]
            static string Escapes(int n)
            {
                try
                {
                    int x = 0;
                    while (true)
                    {
                        x++;
                        // The second test ends the n = 0 case (which would wrap through all 2^32 ints) after many time slices.
                        if (x == n || x == 50_000_000) throw new ArgumentException("x=" + x);
                    }
                }
                catch (ArgumentException e)
                {
                    return e.Message;
                }
            }

            public static string Preempted(long n) => Go.Run(() => PreemptedMain(n));

            [Goroutine]
            static string PreemptedMain(long n)
            {
                var ticks = new Chan<int>(1_000_000);
                var stop = new Chan<bool>(1);
                go(() => Ticker(ticks, stop));
                Gosched();
                long sum = 0;
                for (long i = 0; i < n; i++)
                {
                    sum += i & 0xFF;
                }

                stop.Send(true);
                return sum + "," + ticks.Len;
            }

            public static string NestSynchronous(int n, int m) => Nests(n, m);

            public static string PreemptedNests(int n, int m) => Go.Run(() => PreemptedNestsMain(n, m));

            [Goroutine]
            static string PreemptedNestsMain(int n, int m)
            {
                var ticks = new Chan<int>(1_000_000);
                var stop = new Chan<bool>(1);
                go(() => Ticker(ticks, stop));
                Gosched();
                string result = Nests(n, m);
                stop.Send(true);
                return result + "," + ticks.Len;
            }

            /// <summary>Two nests outlined whole: one strip-mined inner loop, one polled on every iteration.</summary>
            [Goroutine]
            static string Nests(int n, int m)
            {
                long sum = 0;
                long rows = 0;
                for (int a = 0; a < n; a++)
                {
                    long row = (long)a * 31;
                    int limit = a % 7 == 0 ? n / 2 : n;
                    for (int b = 0; b < limit; b++) { sum += (row + b) & 0xFF; }
                    rows += row % 5;
                }

                long other = 0;
                int c = 0;
                while (c < m)
                {
                    int d = 0;
                    while (d < m)
                    {
                        if (d == m - 1 && c % 3 == 0) break;
                        other += Math.Abs(d - c);
                        d++;
                    }

                    c++;
                    if (c == m - 2) continue;
                    other ^= c;
                }

                return sum + "," + rows + "," + other;
            }

            [Goroutine]
            static void Ticker(Chan<int> ticks, Chan<bool> stop)
            {
                while (!stop.TryReceive(out bool _))
                {
                    ticks.Send(1);
                    Sleep(TimeSpan.FromMilliseconds(1));
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Program = new(() => GeneratorHarness.Build(Source));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Outlined_loops_compute_what_the_originals_do(int n)
    {
        string expected = (string)GeneratorHarness.Invoke(Program.Value, "Program", "Synchronous", n)!;
        string actual = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "AsGoroutine", n)!);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_twin_outlines_its_plain_loops()
    {
        (Microsoft.CodeAnalysis.Compilation _, Microsoft.CodeAnalysis.GeneratorDriverRunResult result) =
            GeneratorHarness.Generate(GeneratorHarness.Compile(Source));
        string twins = string.Concat(result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("bool __goLoop0(", twins);
        Assert.Contains("while (__goLoop0(", twins);
        Assert.Contains("var __goEnd = unchecked((uint)(data.Length - x)) > 1024U ? x + 1024 : data.Length;", twins);
        Assert.Contains("var __goEnd = unchecked((ulong)(n - y)) > 1024UL ? y + 1024 : n;", twins);
        Assert.DoesNotContain("foreach (", twins);
        Assert.Contains("while ((d < n) && (!__goFlag.IsRequested || !(__goYield = true)));", twins);
        Assert.Contains("{ var v = __goItems[__goIndex];", twins);
        Assert.Contains("var __goEnd = unchecked((uint)(Limit - x)) > 1024U ? x + 1024 : Limit;", twins);
        Assert.Contains("if (!__goInner) { if (!((!__goFlag.IsRequested || !(__goYield = true)) && (a < n))) break;", twins);
        Assert.Contains("if (!__goInner) { if (!((!__goFlag.IsRequested || !(__goYield = true)) && (c < m))) break;", twins);
    }

    [Fact]
    public void A_preempted_loop_nest_resumes_inside_its_inner_loop()
    {
        const int N = 20_000;
        const int M = 6_000;
        string expected = (string)GeneratorHarness.Invoke(Program.Value, "Program", "NestSynchronous", N, M)!;
        int previous = Go.GOMAXPROCS(1);
        try
        {
            string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "PreemptedNests", N, M)!);
            int lastComma = result.LastIndexOf(',');

            Assert.Equal(expected, result[..lastComma]);

            // On one P the ticker only runs when a nest yields: ticks prove they yielded and resumed.
            Assert.True(int.Parse(result[(lastComma + 1)..]) > 1, $"{result[(lastComma + 1)..]} ticks while the nests ran");
        }
        finally
        {
            Go.GOMAXPROCS(previous);
        }
    }

    [Fact]
    public void A_preempted_outlined_loop_resumes_where_it_yielded()
    {
        const long N = 300_000_000;
        long expected = 0;
        for (long i = 0; i < 256; i++)
        {
            expected += i;
        }

        expected *= N / 256;
        int previous = Go.GOMAXPROCS(1);
        try
        {
            string[] result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "Preempted", N)!).Split(',');

            Assert.Equal(expected.ToString(), result[0]);

            // On one P the ticker only runs when the loop yields: ticks prove it yielded and resumed.
            Assert.True(int.Parse(result[1]) > 1, $"{result[1]} ticks while the loop ran");
        }
        finally
        {
            Go.GOMAXPROCS(previous);
        }
    }
}
