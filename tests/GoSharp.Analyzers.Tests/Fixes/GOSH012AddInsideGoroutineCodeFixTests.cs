using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH012AddInsideGoroutineAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH012AddInsideGoroutineCodeFixTests
{
    [Fact]
    public Task Moves_Add_before_the_go() => Verify.CodeFixAsync<GOSH012AddInsideGoroutineCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(int n)
            {
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    go(() =>
                    {
                        {|GOSH012:wg.Add(1)|};
                        using var _ = Defer(wg.Done);
                        Console.WriteLine("work");
                    });
                }

                for (int i = 0; i < n; i++)
                    go(() => { {|GOSH012:wg.Add(1)|}; wg.Done(); });
                wg.Wait();
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(int n)
            {
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Add(1);
                    go(() =>
                    {
                        using var _ = Defer(wg.Done);
                        Console.WriteLine("work");
                    });
                }

                for (int i = 0; i < n; i++)
                {
                    wg.Add(1);
                    go(() => { wg.Done(); });
                }
                wg.Wait();
            }
        }
        """);

    /// <summary>A wg.Go first in the goroutine is flagged but not moved: that would start its goroutine earlier.</summary>
    [Fact]
    public Task Offers_no_fix_for_a_Go_first_in_the_goroutine() => Verify.CodeFixAsync<GOSH012AddInsideGoroutineCodeFix>(
        Rules.GOSH012AddInsideGoroutineTests.GoFirstInGoroutine, Rules.GOSH012AddInsideGoroutineTests.GoFirstInGoroutine);
}
