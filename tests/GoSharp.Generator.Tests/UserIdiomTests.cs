using System.Reflection;
using GoSharp.Generator.Tests.Support;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Code as users write it, ported line by line from Go: interpolated strings around receives,
/// <c>go func() { for { ... } }()</c>, select cases next to <c>using var _ = Defer(...)</c>, and
/// <c>go f(i)</c> of an ordinary function in a loop. Each compiles through the generator with no
/// error or warning and behaves as the original (and as Go).
/// </summary>
[Collection(SchedulerBound.Name)]
public class UserIdiomTests
{
    [Fact]
    public void Receives_in_interpolation_holes_with_alignment_and_format_compile_and_print_as_the_original()
    {
        string source = Program(""""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(16);
                for (int i = 0; i < 12; i++) ch.Send(n + i);
                bool ok = n % 2 == 0;
                string a = $"got {ch.Receive()}";
                string b = $"[{ch.Receive(),4}] [{ch.Receive(),-4}] [{ch.Receive():D3}] [{ch.Receive(),6:X}]";
                string c = $@"verbatim {ch.Receive()}\n";
                string d = $$"""raw {{ch.Receive()}} { {{ch.Receive()}} }""";
                string e = $"nested {(ok ? ch.Receive() : -1)} {$"inner {ch.Receive()}"}";
                string f = $"{ch.Receive()}" + $"{ch.Receive()}";
                return a + "|" + b + "|" + c + "|" + d + "|" + e + "|" + f;
            }
            """");

        string[] results = AssertSameAsOriginal(source, [0, 1, 7]);
        Assert.Equal("got 0|[   1] [2   ] [003] [     4]|verbatim 5\\n|raw 6 { 7 }|nested 8 inner 9|1011", results[0]);
    }

    [Fact]
    public void A_go_lambda_that_loops_forever_is_goroutine_code_and_parks_instead_of_holding_a_thread()
    {
        Assembly program = GeneratorHarness.Build("""
            using GoSharp;
            using static GoSharp.Go;

            public static partial class Program
            {
                public static string Run(int n) => Go.Run(() => Serve(n));

                [Goroutine]
                static string Serve(int n)
                {
                    var requests = new Chan<int>();
                    var responses = new Chan<int>();
                    for (int i = 0; i < n; i++)
                    {
                        // Go's go func() { for { ... } }(): never returns, so C# binds go(Func<GoTask>).
                        go(() =>
                        {
                            for (;;)
                            {
                                int request = requests.Receive();
                                responses.Send(request * 2);
                            }
                        });
                    }

                    long sum = 0;
                    for (int i = 0; i < n; i++)
                    {
                        requests.Send(i);
                        sum += responses.Receive();
                    }

                    return sum + " " + Go.ReadSchedulerStats().Threads;
                }
            }
            """);

        const int N = 2000;
        string[] result = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run", N)!).Split(' ');
        Assert.Equal((long)N * (N - 1), long.Parse(result[0]));

        // Parked goroutines hold no thread: a few scheduler threads, not one per goroutine.
        Assert.True(int.Parse(result[1]) <= 4 * Environment.ProcessorCount + 8, $"{result[1]} scheduler threads for {N} parked goroutines");
    }

    [Fact]
    public void A_select_case_without_a_target_next_to_a_local_named_underscore()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var log = new List<string>();
                using var _ = Defer(() => log.Add("deferred"));
                var a = new Chan<int>(1);
                var b = new Chan<string>(1);
                if (n % 2 == 0) a.Send(n); else b.Send("s" + n);
                switch (Select(a.OnReceive(), b.OnReceive(out var s)))
                {
                    case 0: return "a";
                    default: return "b " + s.Value;
                }
            }
            """);

        Assert.Equal(["a", "b s1"], AssertSameAsOriginal(source, [0, 1]));
    }

    [Fact]
    public void Go_of_an_ordinary_function_evaluates_its_arguments_at_the_go_statement()
    {
        Assembly program = GeneratorHarness.Build("""
            using GoSharp;
            using static GoSharp.Go;

            public static partial class Program
            {
                public static string Run(int n) => Go.Run(() => Spawn(n));

                [Goroutine]
                static string Spawn(int n)
                {
                    var seen = new Chan<string>(2 * n + 2);
                    var counter = new Counter();
                    for (int i = 0; i < n; i++)
                    {
                        go(() => Record(seen, i, $"#{i}"));          // Go: go record(seen, i, fmt.Sprint("#", i))
                        go(() => counter.Next().Report(seen, i));     // the receiver is evaluated now too
                    }

                    var results = new List<string>();
                    for (int i = 0; i < 2 * n; i++)
                    {
                        results.Add(seen.Receive());
                    }

                    results.Sort(StringComparer.Ordinal);
                    return string.Join(",", results);
                }

                static void Record(Chan<string> seen, int i, string label) => seen.Send(i + label);

                sealed class Counter
                {
                    private int _next;

                    public Reporter Next() => new Reporter(_next++);
                }

                sealed record Reporter(int Id)
                {
                    public void Report(Chan<string> seen, int i) => seen.Send("r" + Id + "=" + i);
                }
            }
            """);

        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run", 3)!);
        Assert.Equal("0#0,1#1,2#2,r0=0,r1=1,r2=2", result);
    }
}
