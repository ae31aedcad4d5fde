using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Tests;

/// <summary>
/// The console template's Program.cs is top-level statements. Goroutines there live in
/// <c>partial class Program { }</c> after the statements, which merges with the class the
/// statements declare; the statements' <c>go</c> and <c>Go.Run</c> calls reach the twins through
/// the interceptors like any ordinary code's.
/// </summary>
public class TopLevelStatementTests
{
    [Fact]
    public void Goroutines_of_a_top_level_program_are_rewritten_and_its_go_statements_reach_the_twins()
    {
        Assembly program = GeneratorHarness.Build("""
            using GoSharp;
            using static GoSharp.Go;

            var ch = new Chan<int>();
            go(() => Produce(ch, 3));                         // Go: go produce(ch, 3)
            var got = new List<int>();
            foreach (var v in ch)
            {
                got.Add(v);
            }

            Program.Result = $"{string.Join(" ", got)}; sum {Go.Run(() => Sum(4))}; {Go.Run(() => Parked(2_000))}";

            partial class Program
            {
                public static string Result = "";

                [Goroutine]
                static void Produce(Chan<int> ch, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        ch.Send(i);
                    }

                    ch.Close();
                }

                [Goroutine]
                static int Sum(int n)
                {
                    var c = new Chan<int>();
                    for (int i = 1; i <= n; i++)
                    {
                        go(() => Send(c, i));
                    }

                    int s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        s += c.Receive();
                    }

                    return s;
                }

                [Goroutine]
                static void Send(Chan<int> c, int i) => c.Send(i);

                // Thousands of goroutines parked at once on a scheduler of a few threads: only
                // twins can do that (a thread-blocking goroutine would hold a thread each).
                [Goroutine]
                static int Parked(int n)
                {
                    var release = new Chan<int>();
                    var done = new WaitGroup();
                    for (int i = 0; i < n; i++)
                    {
                        done.Add(1);
                        go(() => Wait(release, done));
                    }

                    int threads = Go.ReadSchedulerStats().Threads; // all n parked or about to be
                    release.Close();
                    done.Wait();
                    return threads;
                }

                [Goroutine]
                static void Wait(Chan<int> release, WaitGroup done)
                {
                    using var _ = Defer(done.Done);
                    release.Receive();
                }
            }
            """, outputKind: OutputKind.ConsoleApplication);

        Bounded.Run(() => program.EntryPoint!.Invoke(null, [Array.Empty<string>()]));
        string[] result = ((string)program.GetType("Program", throwOnError: true)!.GetField("Result")!.GetValue(null)!).Split("; ");
        Assert.Equal(["0 1 2", "sum 10"], result[..2]);
        Assert.True(int.Parse(result[2]) <= 4 * Environment.ProcessorCount + 8, $"{result[2]} scheduler threads for 2,000 parked goroutines");
    }
}
