using System.Reflection;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Local functions and delegate locals that park and do not escape become async local functions
/// of the twin (docs/generator.md, "Local functions"): their blocking operations park the
/// goroutine, and results, recursion, exceptions and captured variables behave as in the original.
/// </summary>
[Collection(SchedulerBound.Name)]
public class LocalFunctionTests
{
    private const string Source = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static long Parked(int n) => Go.Run(() => FanIn(n));

            public static string Synchronous(int n) => Shapes(n, new Chan<int>(64));

            public static string AsGoroutine(int n) => Go.Run(() => Shapes(n, new Chan<int>(64)));

            [Goroutine]
            static long FanIn(int n)
            {
                var input = new Chan<int>();
                var output = new Chan<long>(1024);
                void Feed()
                {
                    for (int i = 1; i <= n; i++) input.Send(i);
                }

                for (int i = 0; i < n; i++) go(() => Worker(input, output));
                go(() => Feed());
                long sum = 0;
                for (int i = 0; i < n; i++) sum += output.Receive();
                return sum;
            }

            public static string GoArguments(int n) => Go.Run(() => GoArgumentsMain(n));

            [Goroutine]
            static string GoArgumentsMain(int n)
            {
                // As in Go (go f(i)), i is evaluated at each go statement, not when f runs.
                var seen = new Chan<int>(n);
                void Record(int v) => seen.Send(v);
                Action<int> recordTwice = v => { seen.Send(v); seen.Send(v); };
                for (int i = 0; i < n; i++)
                {
                    go(() => Record(i));
                }

                var values = new List<int>();
                for (int i = 0; i < n; i++) values.Add(seen.Receive());
                go(() => recordTwice.Invoke(n));
                values.Add(seen.Receive());
                values.Add(seen.Receive());
                values.Sort();
                return string.Join(",", values);
            }

            [Goroutine]
            static void Worker(Chan<int> input, Chan<long> output)
            {
                // Each worker parks inside a local function and a lambda: only rewriting them keeps threads few.
                long Take() => input.Receive();
                Action<long> give = v => output.Send(v);
                give(Take());
            }

            [Goroutine]
            static string Shapes(int n, Chan<int> ch)
            {
                int sent = 0;
                void Send(int v) { ch.Send(v); sent++; }
                int Receive() => ch.Receive();
                int Depth(int d) => d == 0 ? Receive() : Depth(d - 1) + 1;
                T Echo<T>(T value) { Send(1); Receive(); return value; }
                Func<int, long> roundTrip = v => { Send(v); return Receive() * 2L; };
                Action<string> sendLength = text => Send(text.Length);
                string Fails()
                {
                    Send(7);
                    throw new InvalidOperationException("after send " + sent);
                }

                long total = 0;
                for (int i = 0; i < n; i++)
                {
                    Send(i);
                    total += Receive();
                }

                Send(40);
                total += Depth(5);
                total += roundTrip(21) + roundTrip.Invoke(n);
                sendLength("four");
                total += Receive();
                string echoed = Echo("x" + n);
                string failure;
                try
                {
                    failure = Fails();
                }
                catch (InvalidOperationException e)
                {
                    failure = e.Message + " then " + Receive();
                }
                finally
                {
                    sent += 1000;
                }

                return total + "," + echoed + "," + failure + "," + sent;
            }
        }
        """;

    private static readonly Lazy<Assembly> Program = new(() => GeneratorHarness.Build(Source));

    [Fact]
    public void Ten_thousand_goroutines_park_inside_local_functions_without_a_thread_each()
    {
        const int N = 10_000;
        int threadsBefore = Go.ReadSchedulerStats().Threads;
        long sum = Bounded.Run(() => (long)GeneratorHarness.Invoke(Program.Value, "Program", "Parked", N)!);
        Assert.Equal((long)N * (N + 1) / 2, sum);
        int created = Go.ReadSchedulerStats().Threads - threadsBefore;
        Assert.True(created <= 4 * Environment.ProcessorCount + 8, $"{created} scheduler threads created: the local functions blocked instead of parking");
    }

    [Fact]
    public void A_go_statement_calling_a_local_function_evaluates_its_arguments_at_the_go()
    {
        string values = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "GoArguments", 20)!);
        Assert.Equal(string.Join(",", Enumerable.Range(0, 20).Append(20).Append(20)), values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(50)]
    public void Rewritten_local_functions_compute_what_the_originals_do(int n)
    {
        string expected = (string)GeneratorHarness.Invoke(Program.Value, "Program", "Synchronous", n)!;
        string actual = Bounded.Run(() => (string)GeneratorHarness.Invoke(Program.Value, "Program", "AsGoroutine", n)!);
        Assert.Equal(expected, actual);
        Assert.Contains("after send", actual);
    }
}
