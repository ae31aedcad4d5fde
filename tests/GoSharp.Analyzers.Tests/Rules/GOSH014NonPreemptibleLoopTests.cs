using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH014NonPreemptibleLoopAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH014NonPreemptibleLoopTests
{
    [Fact]
    public Task Flags_loops_in_plain_methods_goroutine_code_reaches() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Primes
        {
            [Goroutine]
            public static void Worker(int n, Chan<int> results) => results.Send(Count(n));

            // Reached through Count.
            static bool IsPrime(int n)
            {
                {|GOSH014:for|} (int d = 2; d * d <= n; d++)
                {
                    if (n % d == 0) return false;
                }

                return true;
            }

            static int Count(int n)
            {
                int count = 0;
                {|GOSH014:for|} (int i = 2; i < n; i++)
                {
                    if (IsPrime(i)) count++;
                }

                return count;
            }

            public static void Start(List<int> items) => go(() => Sum(items));

            static long Sum(List<int> items)
            {
                long sum = 0;
                {|GOSH014:foreach|} (int item in items) sum += item;
                return sum;
            }
        }
        """);

    [Fact]
    public Task Is_quiet_for_short_loops_yielding_loops_goroutine_methods_and_unreached_methods() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Primes
        {
            [Goroutine]
            public static void Worker(int n, Chan<int> results)
            {
                for (int i = 0; i < n; i++) results.Send(Small() + Yielding(n) + Calls(n));
            }

            static int Small()
            {
                int sum = 0;
                for (int i = 0; i < 16; i++) sum += i;
                foreach (var c in "gosharp") sum += c;
                foreach (var x in new[] { 1, 2, 3 }) sum += x;
                return sum;
            }

            static int Yielding(int n)
            {
                int sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += i;
                    Gosched();
                }

                return sum;
            }

            static int Calls(int n)
            {
                int sum = 0;
                for (int i = 0; i < n; i++) sum += Twice(i);
                return sum;
            }

            [Goroutine]
            static int Twice(int i) => i * 2;

            // Only plain code calls it.
            public static int Unreached(int n)
            {
                int sum = 0;
                for (int i = 0; i < n; i++) sum += i;
                return sum;
            }
        }
        """);

    /// <summary>The answer is searched backwards from the loop's method: through plain callers and local functions, across files, and it stops at cycles.</summary>
    [Fact]
    public Task Follows_callers_through_files_local_functions_and_cycles() => Verify.AnalyzerAsync(new[]
    {
        ("Goroutines.cs", """
            using GoSharp;

            public static partial class Jobs
            {
                [Goroutine]
                public static void Worker(int n, Chan<long> results)
                {
                    long Local(int k) => Helpers.Total(k);
                    results.Send(Local(n));
                }
            }
            """),
        ("Helpers.cs", """
            public static class Helpers
            {
                public static long Total(int n)
                {
                    long total = 0;
                    {|GOSH014:for|} (int i = 0; i < n; i++) total += i;
                    return total;
                }

                // A cycle that no goroutine code enters.
                public static int Ping(int n)
                {
                    int sum = 0;
                    for (int i = 0; i < n; i++) sum += i;
                    return n > 0 ? Pong(n - 1) + sum : sum;
                }

                public static int Pong(int n)
                {
                    int sum = 0;
                    while (sum < n) sum++;
                    return n > 0 ? Ping(n - 1) + sum : sum;
                }

                // Only an ordinary lambda calls it: it runs wherever that lambda is called from.
                public static Func<int, int> Later() => n => Spin(n);

                static int Spin(int n)
                {
                    int sum = 0;
                    for (int i = 0; i < n; i++) sum += i;
                    return sum;
                }
            }
            """),
    });
}
