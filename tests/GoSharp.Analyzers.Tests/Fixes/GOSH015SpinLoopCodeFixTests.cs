using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH015SpinLoopAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH015SpinLoopCodeFixTests
{
    [Fact]
    public Task Drops_the_idle_Default_case_and_yields_in_empty_loops() => Verify.CodeFixAsync<GOSH015SpinLoopCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            private static bool _done;

            [Goroutine]
            public static void Spin(Chan<int> jobs)
            {
                {|GOSH015:while|} (!_done) { }
                {|GOSH015:for|} (;;)
                {
                    switch (Select(jobs.OnReceive(out var job), Default))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                        default:
                            break;
                    }
                }
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            private static bool _done;

            [Goroutine]
            public static void Spin(Chan<int> jobs)
            {
                while (!_done)
                {
                    Gosched();
                }
                for (;;)
                {
                    switch (Select(jobs.OnReceive(out var job)))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                    }
                }
            }
        }
        """);
}
