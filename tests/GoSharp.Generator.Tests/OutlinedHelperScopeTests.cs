using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// What an outlined loop's helper can see: local functions and constants of the method's blocks,
/// header variables declared in passing, rethrows. Each case runs the original and the twin and
/// expects the same result (<see cref="OriginalVersusTwin"/>).
/// </summary>
[Collection(SchedulerBound.Name)]
public class OutlinedHelperScopeTests
{
    // Regression: failed at commit 8f1876f (an outlined loop calling a local function declared in a nested block: the helper is out of its scope (CS0103)).
    [Fact]
    public void An_outlined_loop_in_a_block_calling_that_blocks_local_function()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                if (n >= 0)
                {
                    static int Square(int x) => x * x;
                    for (int i = 0; i < n; i++) s += Square(i);
                }

                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    [Fact]
    public void A_loop_in_a_block_using_that_blocks_const()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                if (n >= 0)
                {
                    const int Step = 3;
                    for (int i = 0; i < n; i++) s += Step;
                }

                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    // Regression: failed at commit 8f1876f (a for header's deconstruction declaration runs in the twin, its variables are not passed to the helper (CS0103)).
    [Fact]
    public void An_outlined_for_loop_declaring_its_variables_by_deconstruction()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                for (var (a, b) = (0, 1); a < n; a++, b += 2) s += b;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    // Regression: failed at commit 8f1876f (an out variable declared in a for header's initializer stays in the twin, the helper cannot see it (CS0103)).
    [Fact]
    public void An_outlined_for_loop_with_an_out_variable_in_its_header()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                for (bool ok = int.TryParse("7", out int seven); ok && s < n; s++) s += seven;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    // Regression: failed at commit 8f1876f (an out variable declared in an outlined foreach's collection expression stays in the twin, the helper cannot see it (CS0103)).
    [Fact]
    public void An_outlined_foreach_with_an_out_variable_in_its_collection()
    {
        string source = Program("""
            static int[] Make(int n, out int extra)
            {
                extra = n * 10;
                return new int[n + 2];
            }

            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                foreach (int v in Make(n, out int extra)) s += v + extra;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    // Regression: failed at commit 8f1876f (an outlined loop inside a catch block with a rethrow (throw;) moves the rethrow out of the catch (CS0156)).
    [Fact]
    public void An_outlined_loop_with_a_rethrow_inside_a_catch_block()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int i = 0;
                try
                {
                    try
                    {
                        throw new InvalidOperationException("first");
                    }
                    catch (InvalidOperationException)
                    {
                        while (i < n + 1) { i++; if (i == 3) throw; }
                    }
                }
                catch (InvalidOperationException e)
                {
                    return e.Message + " i=" + i;
                }

                return "i=" + i;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    [Fact]
    public void An_outlined_loop_calling_top_level_local_functions_and_delegate_locals()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int calls = 0;
                int Square(int x) { calls++; return x * x; }
                static int Twice(int x) => 2 * x;
                Func<int, int> negate = x => -x;
                long s = 0;
                for (int i = 0; i < n; i++) s += Twice(i) + negate(i);
                for (int i = 0; i < n; i++) s += Square(i);
                int[] data = new int[n + 1];
                foreach (int v in data) s += Square(v + 1) + Twice(v);
                return s + "," + calls;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.Contains("bool __goLoop0(", Twins(source));
    }
}
