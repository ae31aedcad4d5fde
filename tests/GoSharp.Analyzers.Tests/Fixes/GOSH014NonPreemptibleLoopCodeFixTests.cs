using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH014NonPreemptibleLoopAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH014NonPreemptibleLoopCodeFixTests
{
    private const string Source = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Primes
        {
            [Goroutine]
            public static void Worker(int n, Chan<long> results) => results.Send(Sum(n));

            static long Sum(int n)
            {
                long sum = 0;
                {|GOSH014:for|} (int i = 0; i < n; i++)
                    sum += i;
                return sum;
            }
        }
        """;

    [Fact]
    public Task Marks_the_method_Goroutine() => Verify.CodeFixAsync<GOSH014NonPreemptibleLoopCodeFix>(Source, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Primes
        {
            [Goroutine]
            public static void Worker(int n, Chan<long> results) => results.Send(Sum(n));

            [Goroutine]
            static long Sum(int n)
            {
                long sum = 0;
                for (int i = 0; i < n; i++)
                    sum += i;
                return sum;
            }
        }
        """, equivalenceKey: "GOSH014.Goroutine");

    [Fact]
    public Task Or_calls_Gosched_in_the_loop() => Verify.CodeFixAsync<GOSH014NonPreemptibleLoopCodeFix>(Source, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Primes
        {
            [Goroutine]
            public static void Worker(int n, Chan<long> results) => results.Send(Sum(n));

            static long Sum(int n)
            {
                long sum = 0;
                for (int i = 0; i < n; i++)
                {
                    Gosched();
                    sum += i;
                }
                return sum;
            }
        }
        """, equivalenceKey: "GOSH014.Gosched");
}
