using System.Reflection;
using System.Runtime.Loader;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Adversarial cases for the newer rewrites (docs/generator.md): strip-mined counted loops,
/// outlined <c>do</c> loops and <c>foreach</c> over arrays and strings, parking local functions and
/// delegate locals, <c>foreach</c> over a channel as a park site, and <c>Go.RunAsync</c> interception.
/// Each case runs the user's method directly (<c>Synchronous</c>, the original code) and as a
/// goroutine (<c>AsGoroutine</c>, the twin) and expects the same result, exceptions included;
/// building asserts that the generated code compiles without errors or warnings.
/// </summary>
[Collection(SchedulerBound.Name)]
public class RewriteEdgeCaseTests
{
    private const string Header = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static string Synchronous(int n) { try { return Case(n); } catch (Exception e) { return "threw " + e.GetType().Name; } }

            public static string AsGoroutine(int n) { try { return Go.Run(() => Case(n)); } catch (Exception e) { return "threw " + e.GetType().Name; } }

        """;

    private static readonly int[] Sizes = [0, 1, 5, 1023, 1024, 1025, 3000];

    // ---- Strip mining ----------------------------------------------------------------------


    [Fact]
    public void A_long_counter_with_a_double_or_uint_bound_counts_as_the_original()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                double half = n / 2.0 + 0.5;
                uint limit = (uint)n;
                long s = 0;
                for (long i = 0; i < half; i++) s += i;
                for (long i = -3; i < limit; i++) s += i & 7;
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }
    [Fact]
    public void Strip_mined_int_loops_at_the_ends_of_the_range_and_over_empty_and_negative_ranges()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                for (int i = int.MaxValue - 2500; i < int.MaxValue; i++) s += i & 7;
                for (int i = int.MinValue; i < int.MinValue + 2100 + n; i++) s += 1;
                for (int i = int.MaxValue - n; i < int.MaxValue; ++i) s ^= i;
                long c = 0;
                for (int i = -n; i < n; i += 1) c += i * 3;
                for (int i = n; i < -n; i++) c++;
                for (int i = 5; i < 5; i++) c += 100;
                for (int i = 0; i < int.MinValue; i++) c += 1000;
                int j = n;
                for (; j < 2 * n + 1500; j++) c += j % 5;
                int e = 7;
                for (e = 10; e < -n; e++) c += 1;
                return s + "," + c + "," + j + "," + e;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.Contains("var __goEnd = unchecked((uint)(int.MaxValue - i)) > 1024U", Twins(source));
    }

    [Fact]
    public void Strip_mined_long_loops_at_the_ends_of_the_range_and_with_int_bounds()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                for (long i = long.MaxValue - 3000; i < long.MaxValue; i++) s += i & 3;
                for (long i = long.MinValue; i < long.MinValue + 2000 + n; i++) s++;
                for (long i = int.MaxValue - 1500L; i < int.MaxValue + 1500L + n; i++) s += i % 7;
                for (long i = -n - 3000L; i < n; i++) s ^= i;
                long big = long.MaxValue;
                for (long i = long.MaxValue - 2 * n - 5; i < big; i++) s += 1;
                for (long i = 10; i < -5; i++) s += 1000;
                long k = int.MinValue;
                for (; k < int.MinValue + 1100L; k++) s -= 1;
                return s + "," + k;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.Contains("unchecked((ulong)(n - i)) > 1024UL", Twins(source));
    }

    [Fact]
    public void Strip_mined_loops_with_every_bound_form()
    {
        string source = Program("""
            const int Limit = 3000;
            static readonly int Field = 2000;

            [Goroutine]
            static string Case(int n)
            {
                int[] arr = new int[n + 1500];
                string str = new string('x', n + 1100);
                long s = 0;
                const int Local = 1500;
                for (int i = 0; i < arr.Length; i++) arr[i] = i * 31 % 17;
                for (int i = 0; i < str.Length; i++) s += str[i] + i;
                for (int i = 0; i < Local; i++) s += arr[i % arr.Length];
                for (int i = 0; i < Limit; i++) s += i & 1;
                for (int i = 0; i < Field; i++) s += 2;
                int m = n * 2 + 1;
                for (int i = 0; i < m; i++) s -= i;
                for (int i = 0, k = arr.Length; i < k; i++) s += arr[i] * 2;
                for (int i = 0; i < n; i++) { arr[i % arr.Length] += 1; }
                int lim = n + 1200;
                for (int i = 0; i < lim; i++) { if (i == 100) lim -= 50; s++; }
                int[] a2 = new int[n + 1100];
                for (int i = 0; i < a2.Length; i++) { if (i == 5) a2 = new int[10]; s += i; }
                for (int i = 0; i < n + 1100; i++) { if (i % 2 == 0) i++; s += i; }
                long check = 0;
                for (int i = 0; i < arr.Length; i++) check = check * 31 + arr[i];
                return s + "," + check + "," + lim + "," + a2.Length;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        string twins = Twins(source);
        Assert.Contains("unchecked((uint)(arr.Length - i))", twins);
        Assert.Contains("unchecked((uint)(Limit - i))", twins);
        Assert.Contains("unchecked((uint)(k - i))", twins);
        Assert.DoesNotContain("(Field - i)", twins);
        Assert.DoesNotContain("(lim - i)", twins);
        Assert.DoesNotContain("(a2.Length - i)", twins);
    }

    // Regression: failed at commit 8f1876f (a string indexer's argument (IArgumentOperation) is not a built-in operation, so a loop that indexes a string is never strip-mined).
    [Fact]
    public void A_loop_that_indexes_a_string_is_strip_mined()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                string str = new string('x', n + 1100);
                long s = 0;
                for (int i = 0; i < str.Length; i++) s += str[i];
                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.Contains("unchecked((uint)(str.Length - i))", Twins(source));
    }

    [Fact]
    public void Strip_mined_loops_over_a_parameter_counter_and_parameter_bound()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n) => Range(-n, n) + "," + Range(n, -n) + "," + Range(int.MaxValue - n - 1, int.MaxValue) + "," + Range(int.MinValue, int.MinValue + n);

            [Goroutine]
            static string Range(int start, int end)
            {
                long s = 0;
                for (; start < end; start++) s += start & 0xF;
                return s + ":" + start;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
        Assert.Contains("unchecked((uint)(end - start))", Twins(source));
    }

    [Fact]
    public void Strip_mined_loops_with_continue_and_breaks_of_nested_switches()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                for (int i = 0; i < n; i++)
                {
                    if ((i & 3) == 0) continue;
                    switch (i % 5)
                    {
                        case 0: s += 1; break;
                        case 1:
                            if (i > 10) { s += 2; break; }
                            s += 3;
                            break;
                        case 2: continue;
                        case > 3 when i % 2 == 0: s += 7; break;
                        default:
                            switch (i % 3)
                            {
                                case 0: s -= 1; break;
                                default: if (i > 2000) continue; break;
                            }

                            break;
                    }

                    s += 10;
                }

                long t = 0;
                for (int i = 0; i < n; i++)
                {
                    if (i * i > n * 7L) break;
                    t += i;
                }

                long u = 0;
                for (int i = 0; i < n; i++) { }
                for (int i = 0; i < n; i++) u += i is > 5 and < 500 ? 1 : 2;
                return s + "," + t + "," + u;
            }
            """);

        AssertSameAsOriginal(source, Sizes);
    }

    [Fact]
    public void Strip_mined_loops_under_project_wide_overflow_checks()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long s = 0;
                for (int i = int.MaxValue - 2500; i < int.MaxValue; i++) s += 1;
                for (int i = int.MinValue; i < int.MinValue + 3000; i++) s += 1;
                for (long i = long.MaxValue - 3000; i < long.MaxValue; i++) s += 1;
                for (long i = long.MinValue; i < long.MinValue + n; i++) s += 1;
                int[] data = new int[n + 1100];
                foreach (int v in data) s += v + 1;
                int acc = int.MaxValue - 2000;
                try
                {
                    for (int i = 0; i < n; i++) acc++;
                }
                catch (OverflowException)
                {
                    return "overflow at acc=" + acc + " s=" + s;
                }

                return "acc=" + acc + " s=" + s;
            }
            """);

        AssertSameAsOriginal(source, Sizes, overflowChecks: true);
        Assert.Equal("overflow at acc=2147483647 s=" + (2500 + 3000 + 3000 + 3000 + 4100), Synchronous(Build(source, overflowChecks: true), 3000));
    }

    // Regression: failed at commit 8f1876f (an int counter with a long bound overflows at the chunk end i + 1024 before the loop's own i++ would (checked)).
    [Fact]
    public void Strip_mined_int_counter_with_a_long_bound_under_overflow_checks()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long count = 0;
                long bound = (long)int.MaxValue + n;
                try
                {
                    for (int i = int.MaxValue - 2000; i < bound; i++) count++;
                }
                catch (OverflowException)
                {
                    return "overflow after " + count;
                }

                return "done " + count;
            }
            """);

        Assert.Equal("overflow after 2001", Synchronous(Build(source, overflowChecks: true), 5000));
        AssertSameAsOriginal(source, [5000], overflowChecks: true);
    }

    // Regression: failed at commit 8f1876f (an int counter with a long bound: i + 1024 wraps, the chunk is empty and the twin spins forever (unchecked)).
    [Fact]
    public void Strip_mined_int_counter_with_a_long_bound_that_wraps()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                long count = 0;
                long bound = (long)int.MaxValue + n;
                int[] probe = new int[1];
                try
                {
                    for (int i = int.MaxValue - 2000; i < bound; i++) { count++; probe[i < 0 ? 1 : 0] = 1; }
                }
                catch (IndexOutOfRangeException)
                {
                    return "wrapped after " + count;
                }

                return "done " + count;
            }
            """);

        Assert.Equal("wrapped after 2002", Synchronous(Build(source), 5000));
        AssertSameAsOriginal(source, [5000], limit: TimeSpan.FromSeconds(15));
    }

    // ---- do loops --------------------------------------------------------------------------

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

    // ---- What an outlined helper can see ------------------------------------------------------

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

    // ---- Parking local functions and delegate locals ------------------------------------------

    [Fact]
    public void Parking_local_functions_recursion_mutual_recursion_generic_static_and_declared_after_use()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(64);
                for (int i = 0; i < 40; i++) ch.Send(i);
                long total = Depth(n % 7) + Even(n % 5) + Take(ch) + Echo(3) + Echo("x").Length + Pick(5L, 2L);
                return total + "," + ch.Len;

                int Depth(int d) => d == 0 ? ch.Receive() : Depth(d - 1) + 1;
                int Even(int k) => k == 0 ? ch.Receive() : Odd(k - 1);
                int Odd(int k) => k == 0 ? -ch.Receive() : Even(k - 1);
                static int Take(Chan<int> c) => c.Receive() * 10;
                T Echo<T>(T value) { ch.Send(1); ch.Receive(); return value; }
                T Pick<T>(T a, T b) where T : struct, IComparable<T> => a.CompareTo(b) + ch.Receive() > 0 ? a : b;
            }
            """);

        AssertSameAsOriginal(source, [0, 3, 4, 6]);
        string twin = Twins(source);
        Assert.Contains("async global::GoSharp.CompilerServices.GoTask<int> Depth(", twin);
        Assert.Contains("static async global::GoSharp.CompilerServices.GoTask<int> Take(", twin);
        Assert.Contains("async global::GoSharp.CompilerServices.GoTask<T> Echo<T>(", twin);
    }

    [Fact]
    public void Parking_local_functions_with_captured_variables_written_inside_and_outside()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(8);
                int counter = 0;
                string log = "";
                void Bump() { ch.Send(counter); counter += ch.Receive() + 1; log += counter + ";"; }
                counter = 5;
                Bump();
                counter *= 2;
                Bump();
                for (int i = 0; i < n % 4; i++) { Bump(); counter -= 3; }
                Func<int> peek = () => { ch.Send(counter * 2); return ch.Receive() + counter; };
                counter = n;
                int seen = peek();
                counter = 1;
                seen += peek.Invoke();
                return counter + "," + seen + "," + log;
            }
            """);

        AssertSameAsOriginal(source, [0, 1, 3, 7]);
    }

    [Fact]
    public void Parking_local_functions_throw_through_try_catch_finally()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(8);
                string log = "";
                int Risky(int k)
                {
                    try
                    {
                        ch.Send(k);
                        int v = ch.Receive();
                        if (v % 2 == 1) throw new InvalidOperationException("odd " + v);
                        return v;
                    }
                    finally
                    {
                        log += "f" + k + ";";
                    }
                }

                Func<int, int> checkedOne = k => { ch.Send(k); return ch.Receive() > 2 ? throw new ArgumentException("big " + k) : k; };
                int ok = 0;
                for (int i = 0; i < n + 2; i++)
                {
                    try
                    {
                        ok += Risky(i) + checkedOne(i);
                    }
                    catch (InvalidOperationException e)
                    {
                        log += e.Message + ";";
                    }
                    catch (ArgumentException e) when (e.Message.StartsWith("big", StringComparison.Ordinal))
                    {
                        log += e.Message + ";";
                    }
                    finally
                    {
                        log += "F;";
                    }
                }

                return ok + "," + log;
            }
            """);

        AssertSameAsOriginal(source, [0, 1, 4]);
    }

    [Fact]
    public void A_local_function_converted_to_a_delegate_and_a_reassigned_delegate_local_stay_synchronous()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(16);
                for (int i = 0; i < 10; i++) ch.Send(i);
                int Get() => ch.Receive();
                Func<int> asDelegate = Get;
                Func<int> f = () => ch.Receive();
                if (n > 2) f = () => -ch.Receive();
                Func<int> g = () => ch.Receive() * 100;
                Func<int> alias = g;
                int Passed() => ch.Receive() + 1000;
                int viaApi = Apply(Passed);
                return (Get() + asDelegate() + f() + f.Invoke() + g() + alias() + viaApi) + "," + ch.Len;
            }

            static int Apply(Func<int> f) => f();
            """);

        AssertSameAsOriginal(source, [0, 5]);
        string twin = Twins(source);
        Assert.DoesNotContain("GoTask<int> Get(", twin);
        Assert.DoesNotContain("GoTask<int> f(", twin);
        Assert.DoesNotContain("GoTask<int> g(", twin);
        Assert.DoesNotContain("GoTask<int> Passed(", twin);
    }

    [Fact]
    public void Delegate_locals_of_custom_and_natural_delegate_types_called_directly_and_through_Invoke()
    {
        string source = Program("""
            delegate long Op(int x, int y);

            delegate void Sink(string text);

            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(16);
                for (int i = 0; i < 12; i++) ch.Send(i + n);
                string log = "";
                Op mul = (x, y) => (long)x * y + ch.Receive();
                Sink sink = text => log += text + ch.Receive() + ";";
                var add = (int x) => x + ch.Receive();
                Func<long> widened = () => ch.Receive();
                Func<object> boxed = () => ch.Receive();
                Func<int?> lifted = () => ch.Receive();
                Func<long> typed = long () => ch.Receive();
                Func<Chan<int>, int> fromStatic = static c => c.Receive();
                Action discard = () => ch.Receive();
                long total = mul(2, 3) + mul.Invoke(4, 5) + add(7) + widened() + (int)boxed() + lifted()!.Value + typed() + fromStatic(ch);
                discard();
                sink("a");
                sink.Invoke("b");
                return total + "," + log + "," + ch.Len;
            }
            """);

        AssertSameAsOriginal(source, [0, 3]);
        string twin = Twins(source);
        Assert.Contains("GoTask<long> mul(", twin);
        Assert.Contains("GoTask sink(", twin);
    }

    // Regression: failed at commit 8f1876f (a delegate local called with named arguments uses the delegate's parameter names, the rewritten local function the lambda's (CS1739)).
    [Fact]
    public void A_delegate_local_called_with_named_arguments()
    {
        string source = Program("""
            delegate int Op(int left, int right);

            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(4);
                ch.Send(n);
                ch.Send(1);
                Op sub = (a, b) => a - b + ch.Receive();
                Func<int, int> inc = v => v + ch.Receive();
                return sub(right: 1, left: 10) + "," + inc(arg: 5);
            }
            """);

        AssertSameAsOriginal(source, [0, 3]);
    }

    [Fact]
    public void Parking_local_functions_with_defaults_params_tuples_and_nullables()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(64);
                for (int i = 0; i < 40; i++) ch.Send(i);
                int Add(int a, int b = 10) => a + b + ch.Receive();
                int Sum(params int[] xs) { int t = ch.Receive(); foreach (var x in xs) t += x; return t; }
                (int a, string b) Pair() => (ch.Receive(), "p" + ch.Receive());
                int? Maybe(int k) => k > 0 ? ch.Receive() : null;
                string? Name(int k) { int v = ch.Receive(); return k % 2 == 0 ? null : "odd" + v; }
                int @event(int @class) => @class + ch.Receive();
                string Describe(string prefix = "d", string? suffix = null) => prefix + ch.Receive() + (suffix ?? "-");
                var pair = Pair();
                string result = Add(1) + "," + Add(1, 2) + "," + Add(b: 3, a: 1) + "," + Sum() + "," + Sum(1, 2, 3) + "," + Sum([4, 5])
                    + "," + pair.a + pair.b + "," + Maybe(n) + "," + Maybe(0) + "," + (Name(n) ?? "null") + "," + @event(n)
                    + "," + Describe() + Describe("x", "y") + Describe(suffix: "z");
                return result + "," + ch.Len;
            }
            """);

        AssertSameAsOriginal(source, [0, 1, 2]);
    }

    [Fact]
    public void Parking_local_functions_in_conditions_short_circuits_and_interpolations()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(256);
                for (int i = 0; i < 200; i++) ch.Send(i % 9);
                int reads = 0;
                bool More() { reads++; return ch.Receive() != 8; }
                int Next() { reads++; return ch.Receive(); }
                Func<int> limit = () => { reads++; return ch.Receive() + n; };
                int count = 0;
                while (More()) count++;
                for (int i = 0; i < limit(); i++) count += 2;
                do { count += 3; } while (Next() < 4);
                bool no = n < 0;
                if (no && More()) count += 1000;
                if (!no || More()) count += 7;
                int picked = n > 1 ? Next() : -1;
                int? absent = null;
                int fallback = absent ?? Next();
                string text = $"{Next()}-{limit()}";
                int arm = (n % 3) switch { 0 => Next(), 1 => -Next(), _ => 42 };
                return count + "," + picked + "," + fallback + "," + text + "," + arm + "," + reads + "," + ch.Len;
            }
            """);

        AssertSameAsOriginal(source, [0, 1, 2, 5]);
    }

    [Fact]
    public void Parking_local_functions_inside_go_lambdas_and_nested_in_each_other()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(64);
                var done = new Chan<long>(1);
                for (int i = 0; i < 50; i++) ch.Send(i);
                go(() =>
                {
                    int Next() => ch.Receive();
                    long sum = 0;
                    for (int i = 0; i < n % 10; i++) sum += Next();
                    done.Send(sum + Next());
                });
                long fromGo = done.Receive();
                long Outer(int k)
                {
                    int Inner(int j) { long t = 0; for (int i = 0; i < j; i++) t += i; return ch.Receive() + (int)t; }
                    long s = 0;
                    for (int i = 0; i < k; i++) s += Inner(i);
                    return s;
                }

                return fromGo + "," + Outer(n % 6) + "," + ch.Len;
            }
            """);

        AssertSameAsOriginal(source, [0, 3, 9]);
    }

    [Fact]
    public void Delegate_locals_in_loops_and_sibling_blocks_capture_per_iteration()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(64);
                long s = 0;
                for (int i = 0; i < n % 20; i++)
                {
                    int c = i;
                    Func<int> f = () => ch.Receive() + c * 100;
                    ch.Send(i);
                    s += f();
                }

                {
                    Func<int> g = () => ch.Receive();
                    ch.Send(5);
                    s += g();
                }

                {
                    Func<int> g = () => ch.Receive() * 2;
                    ch.Send(6);
                    s += g();
                }

                return s.ToString();
            }
            """);

        AssertSameAsOriginal(source, [0, 3, 19]);
    }

    [Fact]
    public void A_local_function_called_inside_a_lock_or_with_an_out_parameter_stays_synchronous()
    {
        string source = Program("""
            static readonly object Gate = new();

            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(8);
                for (int i = 0; i < 6; i++) ch.Send(i + n);
                int Locked() => ch.Receive();
                bool TryTake(out int v) { v = ch.Receive(); return true; }
                int a;
                lock (Gate) { a = Locked(); }
                TryTake(out int b);
                a += Locked();
                return a + "," + b + "," + ch.Len;
            }
            """);

        AssertSameAsOriginal(source, [0, 4]);
        Assert.DoesNotContain("GoTask<int> Locked(", Twins(source));
    }

    [Fact]
    public void A_parking_local_function_with_a_ref_local_across_a_park_is_skipped_not_miscompiled()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(8);
                ch.Send(n);
                int[] cells = new int[2];
                int Poke()
                {
                    ref int cell = ref cells[0];
                    cell = ch.Receive();
                    cell += 1;
                    return cell;
                }

                return Poke() + "," + cells[0];
            }
            """);

        AssertSameAsOriginal(source, [0, 3]);
    }

    [Fact]
    public void A_parking_local_function_that_ranges_over_a_channel_and_selects()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var ch = new Chan<int>(64);
                var other = new Chan<int>(1);
                int Drain(Chan<int> c) { int t = 0; foreach (var v in c) t += v; return t; }
                int Pick() => Select(other.OnReceive(out var got), Default) == 0 ? got.Value : -1;
                for (int i = 0; i < n + 3; i++) ch.Send(i);
                ch.Close();
                other.Send(n * 2);
                return Drain(ch) + "," + Pick() + "," + Pick();
            }
            """);

        AssertSameAsOriginal(source, [0, 5]);
        Assert.Contains("GoTask<int> Drain(", Twins(source));
    }

    // ---- foreach over a channel: a park site ---------------------------------------------------

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

    // ---- Go.RunAsync interception ------------------------------------------------------------

    [Fact]
    public void RunAsync_of_value_returning_goroutines_is_intercepted_and_evaluates_arguments_first()
    {
        string source = """
            using GoSharp;
            using static GoSharp.Go;

            public partial class Program
            {
                private readonly int _offset;

                private Program(int offset) => _offset = offset;

                public static string Run(int n)
                {
                    int evaluated = 0;
                    Task<long> sum = Go.RunAsync(() => Sum(Count(ref evaluated, n)));
                    Task<string> text = Go.RunAsync(() => new Program(n).Describe<int>(n));
                    Task<int> generic = Go.RunAsync(() => Identity(n + 1));
                    Task done = Go.RunAsync(() => Nothing(n));
                    done.GetAwaiter().GetResult();
                    return sum.GetAwaiter().GetResult() + "," + text.GetAwaiter().GetResult() + "," + generic.GetAwaiter().GetResult() + "," + evaluated;
                }

                public static string Faulted(int n)
                {
                    Task<long> task;
                    try
                    {
                        task = Go.RunAsync(() => Sum(Boom(n)));
                    }
                    catch (Exception e)
                    {
                        return "threw " + e.GetType().Name;
                    }

                    try
                    {
                        return "returned " + task.GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        return "faulted " + e.GetType().Name;
                    }
                }

                static int Count(ref int evaluated, int n)
                {
                    evaluated++;
                    return n;
                }

                static int Boom(int n) => throw new InvalidOperationException("boom " + n);

                [Goroutine]
                static long Sum(int n)
                {
                    var ch = new Chan<int>();
                    go(() => { for (int i = 1; i <= n; i++) ch.Send(i); ch.Close(); });
                    long s = 0;
                    foreach (int v in ch) s += v;
                    return s;
                }

                [Goroutine]
                string Describe<T>(T value)
                {
                    var ch = new Chan<string>(1);
                    ch.Send(value + "+" + _offset);
                    return ch.Receive();
                }

                [Goroutine]
                static T Identity<T>(T value)
                {
                    Gosched();
                    return value;
                }

                [Goroutine]
                static void Nothing(int n)
                {
                    Sleep(TimeSpan.FromMilliseconds(n % 2));
                }
            }
            """;
        Assembly program = Build(source);

        Assert.Equal("55,10+10,11,1", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run", 10)!));
        Assert.Equal("faulted InvalidOperationException", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Faulted", 3)!));
        string interceptors = Generated(source).Single(s => s.HintName.Contains("Interceptors")).SourceText.ToString();
        Assert.Equal(10, CountOf(interceptors, "InterceptsLocation(1, "));
        Assert.Contains("RunAsync4(", interceptors);
    }

    // ---- Support -------------------------------------------------------------------------------

    private static string Program(string members) =>
        Header + string.Join("\n", members.Split('\n').Select(line => line.Length == 0 ? line : "    " + line)) + "\n\n    public static string Run() => Go.Run(() => Case(0));\n}\n";

    /// <summary>Builds <paramref name="source"/>, runs <c>Synchronous(n)</c> and <c>AsGoroutine(n)</c> for each n and asserts they agree; returns the results.</summary>
    private static string[] AssertSameAsOriginal(string source, int[] sizes, bool overflowChecks = false, TimeSpan? limit = null)
    {
        Assembly program = Build(source, overflowChecks);
        var results = new string[sizes.Length];
        for (int k = 0; k < sizes.Length; k++)
        {
            int n = sizes[k];
            string expected = Synchronous(program, n);
            string actual = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "AsGoroutine", n)!, limit);
            Assert.True(expected == actual, $"n={n}: original gave \"{expected}\", twin gave \"{actual}\"");
            results[k] = actual;
        }

        return results;
    }

    private static string Synchronous(Assembly program, int n) =>
        Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Synchronous", n)!);

    /// <summary>As <see cref="GeneratorHarness.Build"/>, optionally with <c>CheckForOverflowUnderflow</c> project-wide.</summary>
    private static Assembly Build(string source, bool overflowChecks = false)
    {
        Compilation output = Generate(source, overflowChecks).Output;
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorHarness.Describe(problems) + Environment.NewLine + GeneratedText(output));
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emit = output.Emit(image, symbols);
        Assert.True(emit.Success, GeneratorHarness.Describe(emit.Diagnostics));
        image.Position = 0;
        symbols.Position = 0;
        return new AssemblyLoadContext("UserCode", isCollectible: true).LoadFromStream(image, symbols);
    }

    private static (Compilation Output, GeneratorDriverRunResult Result) Generate(string source, bool overflowChecks = false)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source, assemblyName: "UserCode" + Guid.NewGuid().ToString("N"));
        if (overflowChecks)
        {
            compilation = compilation.WithOptions(compilation.Options.WithOverflowChecks(true));
        }

        return GeneratorHarness.Generate(compilation);
    }

    private static IEnumerable<GeneratedSourceResult> Generated(string source) =>
        Generate(source).Result.Results.Single().GeneratedSources;

    /// <summary>The generated twins' text (interceptors left out).</summary>
    private static string Twins(string source) =>
        string.Concat(Generated(source).Where(s => !s.HintName.Contains("Interceptors")).Select(s => s.SourceText.ToString()));

    private static string GeneratedText(Compilation output) =>
        string.Join(Environment.NewLine, output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(t => "// " + t.FilePath + Environment.NewLine + t));

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/>.</summary>
    private static int LineOf(string source, string text) =>
        source.Substring(0, source.IndexOf(text, StringComparison.Ordinal)).Count(c => c == '\n') + 1;
}
