using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH010MissingWaitAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH010MissingWaitCodeFixTests
{
    [Fact]
    public Task Waits_before_each_return_and_at_the_end() => Verify.CodeFixAsync<GOSH010MissingWaitCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(int n, Chan<int> results)
            {
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    {|GOSH010:wg.Add(1)|};
                    go(() => Square(i, wg, results));
                }

                if (n > 10)
                    return;
                Console.WriteLine("started");
            }

            [Goroutine]
            static void Square(int i, WaitGroup wg, Chan<int> results)
            {
                using var _ = Defer(wg.Done);
                results.Send(i * i);
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(int n, Chan<int> results)
            {
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Add(1);
                    go(() => Square(i, wg, results));
                }

                if (n > 10)
                {
                    wg.Wait();
                    return;
                }
                Console.WriteLine("started");
                wg.Wait();
            }

            [Goroutine]
            static void Square(int i, WaitGroup wg, Chan<int> results)
            {
                using var _ = Defer(wg.Done);
                results.Send(i * i);
            }
        }
        """);
}
