using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Parking local functions and delegate locals: recursion, captures, exceptions, escapes, named
/// arguments, defaults and params, go lambdas, loops and locks. Each case runs the original and the
/// twin and expects the same result (<see cref="OriginalVersusTwin"/>).
/// </summary>
[Collection(SchedulerBound.Name)]
public class ParkingFunctionEdgeCaseTests
{
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
}
