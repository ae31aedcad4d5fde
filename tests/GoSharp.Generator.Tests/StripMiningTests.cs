using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Strip-mined counted loops (docs/generator.md, "Strip mining"): the chunked loop runs the body
/// for exactly the values of the original, at the ends of the ranges, with every bound form, with
/// continue and switch breaks, and under overflow checks. Each case runs the original and the twin
/// and expects the same result (<see cref="OriginalVersusTwin"/>).
/// </summary>
[Collection(SchedulerBound.Name)]
public class StripMiningTests
{
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
}
