using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// <c>foreach</c> over a channel as a park site: deconstruction, conversions, complex expressions,
/// inside parking functions and locks, and the line a deadlock report names. Each case runs the
/// original and the twin and expects the same result (<see cref="OriginalVersusTwin"/>).
/// </summary>
[Collection(SchedulerBound.Name)]
public class RangeOverChannelTests
{
    [Fact]
    public void Foreach_over_channels_with_deconstruction_conversions_and_complex_expressions()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var pairs = new Chan<(int, string)>(8);
                pairs.Send((1, "a"));
                pairs.Send((n, "bc"));
                pairs.Close();
                long s = 0;
                foreach (var (a, b) in pairs) s += a * b.Length;
                var ints = new Chan<int>(8);
                var empty = new Chan<int>(1);
                empty.Close();
                for (int i = 0; i < 5; i++) ints.Send(i + n);
                ints.Close();
                foreach (long v in n >= 0 ? ints : empty) s += v * 10;
                object boxed = ints;
                foreach (int v in (Chan<int>)boxed) s += 1000;
                var more = new Chan<int>(4);
                more.Send(7);
                more.Close();
                Chan<int>[] chans = [more];
                foreach (var
                    v in chans[0]) s += v * 100;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, [0, 3]);
        string twin = Twins(source);
        Assert.Contains("await foreach (var (a, b) in pairs.GetAsyncEnumerator().At(", twin);
        Assert.Contains("(n >= 0 ? ints : empty).GetAsyncEnumerator()", twin);
        Assert.Contains("new(\"Program.cs\", " + LineOf(source, "foreach (var (a, b)") + ", \"foreach (var (a, b) in pairs)\")", twin);
        Assert.Contains("\"foreach (var v in chans[0])\"", twin);
    }

    [Fact]
    public void A_deadlock_inside_a_parking_local_function_ranging_over_a_channel_names_the_foreach_line()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var never = new Chan<int>();
                int Drain()
                {
                    int t = 0;
                    foreach (int v in never) t += v;
                    return t;
                }

                return Drain().ToString();
            }
            """);
        Assembly program = Build(source);

        var error = Assert.Throws<DeadlockException>(() => Bounded.Run(() => GeneratorHarness.Invoke(program, "Program", "Run")));

        Assert.Contains("Program.cs:" + LineOf(source, "foreach (int v in never)") + " (foreach (int v in never))", error.Message);
    }

    [Fact]
    public void A_foreach_over_a_channel_inside_a_lock_stays_blocking_and_compiles()
    {
        string source = Program("""
            static readonly object Gate = new();

            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(8);
                for (int i = 0; i < n + 2; i++) ch.Send(i);
                ch.Close();
                int s = 0;
                lock (Gate)
                {
                    foreach (int v in ch) s += v;
                }

                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, [0, 5]);
    }
}
