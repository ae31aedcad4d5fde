using System.Reflection;
using GoSharp.Generator.Tests.Support;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// <c>wg.Go(() =&gt; F(args))</c>: in ordinary code intercepted as <c>go(() =&gt; F(args))</c> is (F's
/// receiver and arguments evaluated at the call, F's twin run as the new goroutine, counted by the
/// group); in goroutine code the arguments are evaluated at the call too.
/// </summary>
[Collection(SchedulerBound.Name)]
public class WaitGroupGoInterceptionTests
{
    private const string Source = """
        using GoSharp;
        using static GoSharp.Go;

        public partial class Program
        {
            [ThreadStatic]
            private static bool t_caller;

            private readonly int _offset;

            private Program(int offset) => _offset = offset;

            public static string Early(int n)
            {
                t_caller = true;
                var results = new Chan<string>(2 * n + 1);
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Go(() => Record(i, OnCaller(), results));
                    wg.Go(() => new Program(100).Offset(i, results));
                }

                wg.Go(() => Identity<long>(n, results));
                t_caller = false;
                wg.Wait();
                return Sorted(results);
            }

            public static string Nested()
            {
                var outer = new WaitGroup();
                var inner = new WaitGroup();
                var results = new Chan<string>(2);
                outer.Go(() => Record(Started(inner, results), false, results));
                outer.Wait();
                inner.Wait();
                return Sorted(results);
            }

            private static int s_evaluated;

            static int Evaluated() => ++s_evaluated;

            // As wg.Go on a null group does without the interceptor: it throws before F's arguments are evaluated.
            public static string NullGroup()
            {
                WaitGroup? wg = null;
                var results = new Chan<string>(1);
                try
                {
                    wg!.Go(() => Record(Evaluated(), false, results));
                    return "no exception";
                }
                catch (NullReferenceException)
                {
                    return "NullReferenceException, arguments evaluated " + s_evaluated + " times";
                }
            }

            // Evaluating the outer wg.Go's argument runs another wg.Go.
            static int Started(WaitGroup inner, Chan<string> results)
            {
                inner.Go(() => Identity<long>(7, results));
                return 5;
            }

            static string Sorted(Chan<string> results)
            {
                results.Close();
                var all = new List<string>();
                foreach (string r in results) all.Add(r);
                all.Sort(StringComparer.Ordinal);
                return string.Join(",", all);
            }

            public static string Throws(int n)
            {
                using var reported = new SemaphoreSlim(0);
                string? seen = null;
                EventHandler<GoroutineExceptionEventArgs> hook = (_, e) =>
                {
                    seen = e.Exception.Message;
                    e.Handled = true;
                    reported.Release();
                };
                Go.UnhandledException += hook;
                try
                {
                    var wg = new WaitGroup();
                    wg.Go(() => Boom(n));
                    wg.Wait();
                    return reported.Wait(TimeSpan.FromSeconds(30)) ? "waited, " + seen : "waited, not reported";
                }
                finally
                {
                    Go.UnhandledException -= hook;
                }
            }

            public static string Parks(int n)
            {
                var gate = new Chan<bool>();
                var results = new Chan<int>(n);
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Go(() => Blocked(gate, i, results));
                }

                string dump = "";
                int parked = 0;
                for (var deadline = DateTime.UtcNow.AddSeconds(30); parked < n && DateTime.UtcNow < deadline; Thread.Sleep(10))
                {
                    dump = Go.DumpGoroutines();
                    parked = dump.Split("\n\n").Count(g => g.Contains("Blocked__Goroutine") && g.Contains("[chan receive]:"));
                }

                bool threadBlocked = dump.Contains("thread blocked");
                gate.Close();
                wg.Wait();
                results.Close();
                long sum = 0;
                foreach (int r in results) sum += r;
                return parked + " parked, thread blocked: " + threadBlocked + ", sum " + sum;
            }

            static bool OnCaller() => t_caller;

            [Goroutine]
            static void Record(int i, bool onCaller, Chan<string> results)
            {
                Gosched();
                results.Send(i + (onCaller ? "c" : "g"));
            }

            [Goroutine]
            void Offset(int i, Chan<string> results) => results.Send("o" + (_offset + i));

            [Goroutine]
            static T Identity<T>(T value, Chan<string> results)
            {
                results.Send("v" + value);
                return value;
            }

            [Goroutine]
            static void Boom(int n)
            {
                var ch = new Chan<int>();
                go(() => ch.Send(n));
                throw new InvalidOperationException("boom " + ch.Receive());
            }

            [Goroutine]
            static void Blocked(Chan<bool> gate, int i, Chan<int> results)
            {
                gate.Receive();
                results.Send(i);
            }

            public static string InGoroutine(int n) => Go.Run(() => Fan(n));

            [Goroutine]
            static string Fan(int n)
            {
                var results = new Chan<string>(2 * n);
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Go(() => Record(i, false, results));
                    wg.Go(() => Console.Write(""));
                    wg.Go(() => results.Send("s" + i));
                }

                wg.Wait();
                return Sorted(results);
            }
        }
        """;

    private static readonly Lazy<Assembly> Program = new(() => Build(Source));

    [Fact]
    public void Arguments_are_evaluated_at_the_call_in_the_caller()
    {
        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "Early", 3)!);

        // Each goroutine got its iteration's i, evaluated on the calling thread; the receiver too.
        Assert.Equal("0c,1c,2c,o100,o101,o102,v3", result);
    }

    [Fact]
    public void Every_ordinary_wg_Go_of_a_twin_or_method_is_intercepted()
    {
        string interceptors = GeneratedSources(Source).Single(s => s.HintName.Contains("Interceptors")).SourceText.ToString();

        // Outer and inner calls of 11 wg.Go sites (Early 3, Throws, Parks, Nested, Started, NullGroup,
        // and the 3 of Fan's own body, which is ordinary code too), Go.Run in InGoroutine and go in
        // Boom's own body.
        Assert.Equal(26, CountOf(interceptors, "InterceptsLocation(1, "));
        Assert.Equal(1, CountOf(interceptors, "public static void WaitGroupGo(this global::GoSharp.WaitGroup wg, global::System.Action f)"));

        // A counted goroutine for each of the 9 twins; WaitGroup.Go itself for Console.Write and Send.
        Assert.Equal(9, CountOf(interceptors, "wg.Add(1);"));
        Assert.Equal(9, CountOf(interceptors, "wg.Done();"));
        Assert.Contains("wg.Go(() => global::System.Console.Write(p0));", interceptors);
        Assert.Contains("wg.Go(async () => await @this.SendAsync(p0));", interceptors);
    }

    [Fact]
    public void A_wg_Go_run_while_evaluating_another_s_arguments_counts_on_its_own_group()
    {
        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "Nested")!);

        Assert.Equal("5g,v7", result);
    }

    [Fact]
    public void A_null_group_throws_before_the_arguments_are_evaluated()
    {
        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "NullGroup")!);

        Assert.Equal("NullReferenceException, arguments evaluated 0 times", result);
    }

    [Fact]
    public void Done_runs_when_the_twin_throws_and_the_exception_still_leaves_the_goroutine()
    {
        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "Throws", 7)!);

        Assert.Equal("waited, boom 7", result);
    }

    [Fact]
    public void A_blocked_twin_parks_instead_of_blocking_a_thread()
    {
        const int n = 300;
        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "Parks", n)!);

        Assert.Equal(n + " parked, thread blocked: False, sum " + (n * (n - 1) / 2), result);
    }

    [Fact]
    public void In_goroutine_code_the_arguments_are_evaluated_at_the_call()
    {
        string result = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "InGoroutine", 3)!);
        string twins = Twins(Source);

        Assert.Equal("0g,1g,2g,s0,s1,s2", result);
        Assert.Contains("var __goArg0 = i;", twins);
    }
}
