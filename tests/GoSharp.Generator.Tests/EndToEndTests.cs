using System.Reflection;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulerBound
{
    /// <summary>Tests that change GOMAXPROCS or count scheduler threads run alone.</summary>
    public const string Name = "Scheduler-bound end-to-end tests";
}

/// <summary>
/// Real user programs compiled in memory with the generator, loaded, and run on the GoSharp
/// scheduler: they check behaviour, not timing (bounds are generous for a loaded 2-core machine).
/// </summary>
[Collection(SchedulerBound.Name)]
public class EndToEndTests
{
    private const string Usings = "using GoSharp;\nusing static GoSharp.Go;\n";

    [Fact]
    public void A_hundred_thousand_goroutines_park_on_receive_without_a_thread_each()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            public static partial class Program
            {
                public static long Run(int n) => Go.Run(() => Main(n));

                [Goroutine]
                static long Main(int n)
                {
                    var input = new Chan<int>();
                    var output = new Chan<long>(1024);
                    for (int i = 0; i < n; i++)
                    {
                        go(() => Worker(input, output));
                    }

                    long sum = 0;
                    go(() => Feed(input, n));
                    for (int i = 0; i < n; i++)
                    {
                        sum += output.Receive();
                    }

                    return sum;
                }

                [Goroutine]
                static void Feed(Chan<int> input, int n)
                {
                    for (int i = 1; i <= n; i++)
                    {
                        input.Send(i);
                    }
                }

                [Goroutine]
                static void Worker(Chan<int> input, Chan<long> output)
                {
                    int v = input.Receive();
                    output.Send(v);
                }
            }
            """);

        const int N = 100_000;
        int threadsBefore = Go.ReadSchedulerStats().Threads;
        long sum = Bounded.Run(() => (long)GeneratorHarness.Invoke(program, "Program", "Run", N)!);
        Assert.Equal((long)N * (N + 1) / 2, sum);
        int created = Go.ReadSchedulerStats().Threads - threadsBefore;
        Assert.True(created <= 4 * Environment.ProcessorCount + 8, $"{created} scheduler threads created for {N} parked goroutines");
    }

    [Fact]
    public void A_tight_loop_on_one_P_does_not_starve_a_ticking_goroutine()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            using System.Diagnostics;

            public static partial class Program
            {
                public static long MaxGapMs() => Go.Run(() => Main());

                [Goroutine]
                static long Main()
                {
                    var stop = new Chan<bool>(1);
                    var result = new Chan<long>(1);
                    go(() => Hog(stop));
                    go(() => Ticker(20, result));
                    long gap = result.Receive();
                    stop.Send(true);
                    return gap;
                }

                [Goroutine]
                static void Hog(Chan<bool> stop)
                {
                    long spins = 0;
                    while (!stop.TryReceive(out bool _))
                    {
                        spins++;
                    }
                }

                [Goroutine]
                static void Ticker(int ticks, Chan<long> result)
                {
                    var clock = Stopwatch.StartNew();
                    long last = 0, worst = 0;
                    for (int i = 0; i < ticks; i++)
                    {
                        Sleep(TimeSpan.FromMilliseconds(1));
                        long now = clock.ElapsedMilliseconds;
                        worst = Math.Max(worst, now - last);
                        last = now;
                    }

                    result.Send(worst);
                }
            }
            """);

        int previous = Go.GOMAXPROCS(1);
        try
        {
            long worst = Bounded.Run(() => (long)GeneratorHarness.Invoke(program, "Program", "MaxGapMs")!);

            // Without preemption the ticker never runs again and this times out; with it the
            // worst gap is a time slice or a few (generous bound for a loaded machine).
            Assert.True(worst < 1000, $"worst tick gap {worst} ms");
        }
        finally
        {
            Go.GOMAXPROCS(previous);
        }
    }

    [Fact]
    public void A_deep_call_chain_parks_at_the_bottom_and_unwinds()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            public static partial class Program
            {
                public static int Run(int depth) => Go.Run(() => Main(depth));

                [Goroutine]
                static int Main(int depth)
                {
                    var bottom = new Chan<int>();
                    var result = new Chan<int>(1);
                    go(() => Descend(depth, bottom, result));
                    Sleep(TimeSpan.FromMilliseconds(20));
                    bottom.Send(1);
                    return result.Receive();
                }

                [Goroutine]
                static void Descend(int depth, Chan<int> bottom, Chan<int> result) => result.Send(Depth(depth, bottom));

                [Goroutine]
                static int Depth(int n, Chan<int> bottom) => n == 0 ? bottom.Receive() : 1 + Depth(n - 1, bottom);
            }
            """);

        Assert.Equal(10_001, Bounded.Run(() => (int)GeneratorHarness.Invoke(program, "Program", "Run", 10_000)!));
    }

    [Fact]
    public void Exceptions_and_finally_cross_parked_frames_as_in_the_original()
    {
        const string Source = Usings + """
            public static partial class Program
            {
                public static List<string> Synchronous() { var log = new List<string>(); Outer(log, new Chan<int>(1)); return log; }

                public static List<string> AsGoroutine() { var log = new List<string>(); Go.Run(() => Outer(log, new Chan<int>(1))); return log; }

                [Goroutine]
                static void Outer(List<string> log, Chan<int> ch)
                {
                    try
                    {
                        Inner(log, ch);
                        log.Add("not reached");
                    }
                    catch (InvalidOperationException e)
                    {
                        ch.Send(2);
                        log.Add("caught " + e.Message + " " + ch.Receive());
                    }
                    finally
                    {
                        Gosched();
                        log.Add("outer finally");
                    }
                }

                [Goroutine]
                static void Inner(List<string> log, Chan<int> ch)
                {
                    using var _ = Defer(() => log.Add("deferred"));
                    try
                    {
                        ch.Send(1);
                        log.Add("got " + ch.Receive());
                        throw new InvalidOperationException("boom");
                    }
                    finally
                    {
                        log.Add("inner finally");
                    }
                }
            }
            """;
        Assembly program = GeneratorHarness.Build(Source);
        string[] expected = ["got 1", "inner finally", "deferred", "caught boom 2", "outer finally"];
        Assert.Equal(expected, Bounded.Run(() => (List<string>)GeneratorHarness.Invoke(program, "Program", "Synchronous")!));
        Assert.Equal(expected, Bounded.Run(() => (List<string>)GeneratorHarness.Invoke(program, "Program", "AsGoroutine")!));
    }

    [Fact]
    public void An_exception_escaping_the_main_goroutine_is_rethrown_by_Run()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            public static partial class Program
            {
                public static void Run() => Go.Run(() => Fail(new Chan<int>(1)));

                [Goroutine]
                static void Fail(Chan<int> ch)
                {
                    ch.Send(1);
                    Gosched();
                    throw new ArgumentException("from the twin " + ch.Receive());
                }
            }
            """);

        var e = Assert.Throws<ArgumentException>(() => Bounded.Run(() => GeneratorHarness.Invoke(program, "Program", "Run")));
        Assert.Equal("from the twin 1", e.Message);

        // The twin's body carries #line directives: the trace names the user's file and line.
        Assert.Contains("Fail__Goroutine", e.StackTrace);
        Assert.Contains("Program.cs:line 12", e.StackTrace);
    }

    [Fact]
    public void Go_statement_arguments_are_evaluated_at_the_go_and_block_closures_capture_as_in_CSharp()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            public static partial class Program
            {
                public static string Run() => Go.Run(() => Main());

                [Goroutine]
                static string Main()
                {
                    var seen = new Chan<int>(100);

                    // Go semantics: F's arguments are evaluated at the go statement, so each
                    // goroutine gets its own i even though C#'s for loop has one variable.
                    for (int i = 0; i < 10; i++)
                    {
                        go(() => Record(i, seen));
                    }

                    int evaluatedAtGo = 0;
                    for (int k = 0; k < 10; k++)
                    {
                        evaluatedAtGo += seen.Receive();
                    }

                    // A block closure captures variables, as any C# lambda does: the goroutine
                    // reads `shared` when it runs, after the assignment below.
                    int shared = 1;
                    var done = new Chan<int>();
                    go(() => { done.Receive(); seen.Send(shared); });
                    shared = 42;
                    done.Send(0);
                    int captured = seen.Receive();

                    // foreach gives each iteration its own variable.
                    int perIteration = 0;
                    foreach (int x in new[] { 1, 2, 3 })
                    {
                        go(() => { seen.Send(x); });
                    }

                    for (int k = 0; k < 3; k++)
                    {
                        perIteration += seen.Receive();
                    }

                    return evaluatedAtGo + "," + captured + "," + perIteration;
                }

                [Goroutine]
                static void Record(int value, Chan<int> seen) => seen.Send(value);
            }
            """);

        Assert.Equal("45,42,6", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run")!));
    }

    [Fact]
    public void Select_with_out_cases_and_range_over_a_channel_work_in_the_twin()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            public static partial class Program
            {
                public static string Run() => Go.Run(() => Main());

                [Goroutine]
                static string Main()
                {
                    var numbers = new Chan<int>();
                    var words = new Chan<string>();
                    var quit = new Chan<bool>();
                    go(() =>
                    {
                        for (int i = 1; i <= 5; i++) { numbers.Send(i); words.Send("w" + i); }
                        quit.Send(true);
                    });

                    int sum = 0;
                    string text = "";
                    while (true)
                    {
                        switch (Select(numbers.OnReceive(out var n), words.OnReceive(out var w), quit.OnReceive()))
                        {
                            case 0: sum += n.Value; continue;
                            case 1: text += w.Value; continue;
                        }

                        break;
                    }

                    var buffered = new Chan<int>(3);
                    go(() => { for (int i = 0; i < 3; i++) buffered.Send(i * 10); buffered.Close(); });
                    int ranged = 0;
                    foreach (int v in buffered)
                    {
                        ranged += v;
                    }

                    int idle = Select(numbers.OnReceive(), Default);
                    return sum + "," + text + "," + ranged + "," + idle;
                }
            }
            """);

        Assert.Equal("15,w1w2w3w4w5,30,1", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run")!));
    }

    [Fact]
    public void Without_the_interceptor_opt_in_the_generator_emits_no_interceptors_and_code_still_runs()
    {
        Assembly program = GeneratorHarness.Build(Usings + """
            public static partial class Program
            {
                public static int Run() => Go.Run(() => Twice(21));

                [Goroutine]
                static int Twice(int x) { Gosched(); return 2 * x; }
            }
            """, interceptors: false);

        Assert.Equal(42, Bounded.Run(() => (int)GeneratorHarness.Invoke(program, "Program", "Run")!));
    }
}
