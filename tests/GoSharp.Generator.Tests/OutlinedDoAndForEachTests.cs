using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Outlined <c>do</c> loops and <c>foreach</c> over arrays and strings: body first,
/// continue/break/throw, element conversions, deconstruction, a collection evaluated once, null
/// collections. Each case runs the original and the twin and expects the same result (<see
/// cref="OriginalVersusTwin"/>).
/// </summary>
[Collection(SchedulerBound.Name)]
public class OutlinedDoAndForEachTests
{
    [Fact]
    public void Outlined_do_loops_run_their_body_first_and_keep_continue_break_and_throw()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int d = 0;
                long s = 0;
                do { d += 3; if (d % 7 == 0) continue; s += d; } while (d < n);
                do s++; while (s < 0);
                int k = 0;
                do { k++; } while (++k < n);
                do { if (k-- == n / 2) break; s += k; } while (k > 0);
                int t = 0;
                do { t++; if (t > n) break; } while (true);
                int p = 0;
                try
                {
                    do { p++; if (p == n) throw new InvalidOperationException(); } while (p < 3 * n + 5);
                }
                catch (InvalidOperationException)
                {
                    s += 1000L * p;
                }

                int q = 0;
                do { } while (q++ < n);
                return s + "," + d + "," + k + "," + t + "," + p + "," + q + "," + Escapes(n);
            }

            [Goroutine]
            static string Escapes(int n)
            {
                int x = 0;
                try
                {
                    do { x++; if (x > n + 2000) throw new ArgumentException("x=" + x); } while (true);
                }
                catch (ArgumentException e)
                {
                    return e.Message;
                }
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.DoesNotContain("do {", Twins(source).Split("#nullable disable")[0]);
    }

    // ---- foreach over arrays and strings -------------------------------------------------------

    [Fact]
    public void Outlined_foreach_with_implicit_and_explicit_element_conversions()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int[] ints = new int[n + 3];
                for (int i = 0; i < ints.Length; i++) ints[i] = i * 7 - 5;
                long s = 0;
                foreach (long v in ints) s += v * 3;
                string[] words = ["a", "bb", "ccc", n.ToString()];
                foreach (object o in words) s += ((string)o).Length;
                long[] longs = [1, long.MaxValue, -5, n, 1L << 40];
                foreach (int v in longs) s += v;
                foreach (short v in ints) s += v;
                foreach (double x in ints) s += (long)(x * 1.5);
                foreach (char c in "héllo") s += c;
                foreach (int c in "abc") s += c;
                int?[] opt = [1, null, 3, n];
                foreach (int? o in opt) s += o ?? 100;
                foreach (var o in opt) { if (o is int x) s += x; }
                byte[] bytes = [1, 200, 255];
                foreach (sbyte b in bytes) s += b;
                foreach (IComparable c in words) s += c.CompareTo("b");
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.DoesNotContain("foreach (", Twins(source).Split("#nullable disable")[0]);
    }

    [Fact]
    public void Outlined_foreach_with_an_explicit_conversion_under_overflow_checks()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                int[] small = [1, 2, n];
                foreach (byte b in small) s += b;
                long[] longs = [1, 2, long.MaxValue - n];
                foreach (int v in longs) s += v;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, [0, 5, 300], overflowChecks: true);
    }

    [Fact]
    public void Outlined_foreach_with_deconstruction()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                (int, string)[] pairs = [(1, "a"), (n, "bcd"), (-3, "")];
                long s = 0;
                foreach (var (a, b) in pairs) s += a * b.Length + a;
                foreach ((int a, string b) in pairs) s += a - b.Length;
                foreach ((long a, var b) in pairs) s += a << 2;
                foreach (var (a, _) in pairs) s += a;
                ((int, int), int)[] nested = [((1, 2), 3), ((n, n), n)];
                foreach (var ((a, b), c) in nested) s += a * 100 + b * 10 + c;
                KeyValuePair<int, int>[] entries = [new(1, 2), new(3, n)];
                foreach (var (key, value) in entries) s += key * value;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    [Fact]
    public void Outlined_foreach_over_structs_jagged_arrays_and_a_reassigned_array()
    {
        string source = Program("""
            struct P
            {
                public int X;
                public int Y;

                public void Bump() => X += 1000;
            }

            [Goroutine]
            static string Case(int n)
            {
                P[] ps = new P[n + 3];
                for (int i = 0; i < ps.Length; i++) { ps[i].X = i; ps[i].Y = -i; }
                long s = 0;
                foreach (var p in ps) s += p.X * 2 + p.Y;
                foreach (P p in ps) { if (p.X == 2) continue; s += p.X; }
                foreach (P p in ps) { var copy = p; copy.Bump(); s += copy.X - p.X; }
                int[][] jagged = new int[n % 7 + 2][];
                for (int i = 0; i < jagged.Length; i++) jagged[i] = new int[i + 1];
                foreach (int[] row in jagged) s += row.Length;
                foreach (var row in jagged) { foreach (var v in row) s += v + 1; }
                int[] data = new int[n + 1100];
                for (int i = 0; i < data.Length; i++) data[i] = i;
                foreach (int v in data) { data = new int[1]; s += v; }
                foreach (int v in data) { if (v == 3) break; s += v; }
                int[] big = new int[n + 1100];
                for (int i = 0; i < big.Length; i++) big[i] = i;
                foreach (int v in big) { if (v % 3 == 0) continue; s += v; }
                return s + "," + data.Length;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    [Fact]
    public void Outlined_foreach_evaluates_its_collection_once()
    {
        string source = Program("""
            static int calls;

            static int[] Next(int n)
            {
                calls++;
                return new int[n + 2];
            }

            [Goroutine]
            static string Case(int n)
            {
                calls = 0;
                long s = 0;
                foreach (var v in Next(n)) s += v + 1;
                foreach (char c in Next(n).Length.ToString()) s += c;
                return s + "," + calls;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    [Fact]
    public void Outlined_foreach_over_a_null_array_or_string_throws_NullReferenceException()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int[]? items = n > 1_000_000 ? new int[1] : null;
                string? text = n > 1_000_000 ? "x" : null;
                long s = 0;
                try
                {
                    foreach (int v in items!) s += v;
                }
                catch (NullReferenceException)
                {
                    s = -1;
                }

                try
                {
                    foreach (char c in text!) s += c;
                }
                catch (NullReferenceException)
                {
                    s -= 10;
                }

                if (n == 5)
                {
                    foreach (int v in items!) s += v;
                }

                return s.ToString();
            }
            """);

        string[] results = AssertSameAsOriginal(source, [0, 5]);
        Assert.Equal("-11", results[0]);
        Assert.Equal("threw NullReferenceException", results[1]);
    }

    [Fact]
    public void A_foreach_over_a_multidimensional_array_is_not_outlined()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int[,] grid = new int[3, n + 1];
                for (int i = 0; i < 3; i++) grid[i, n] = i + 1;
                long s = 0;
                foreach (int v in grid) s = s * 3 + v;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        string twin = Twins(source);
        Assert.Contains("foreach (int v in grid)", twin);
        Assert.DoesNotContain("__goItems", twin);
    }

    [Fact]
    public void Outlined_foreach_in_a_generic_method_over_T_array()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n) => Count(new string?[n + 2]) + "," + Count(new int[n]) + "," + Count(new[] { "a", null, "b" });

            [Goroutine]
            static int Count<T>(T[] items)
            {
                int c = 0;
                foreach (T item in items) { if (item is not null) c++; }
                return c;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    // Regression: failed at commit 2873c09 (a foreach variable written @keyword loses its @ in the outlined helper (CS1001/CS1525)).
    [Fact]
    public void Outlined_foreach_with_a_verbatim_identifier()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                int[] items = new int[n + 2];
                long s = 0;
                foreach (var @int in items) s += @int + 1;
                foreach (int @class in items) { s += @class; }
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }
}
