using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH020TickerLeakAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH020TickerLeakCodeFixTests
{
    [Fact]
    public Task Uses_a_ticker_stopped_when_the_scope_ends() => Verify.CodeFixAsync<GOSH020TickerLeakCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static int CountTicks(int n)
            {
                var ticks = {|GOSH020:Tick(TimeSpan.FromMilliseconds(10))|};
                for (int i = 0; i < n; i++)
                {
                    ticks.Receive();
                }

                return n;
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static int CountTicks(int n)
            {
                var ticker = NewTicker(TimeSpan.FromMilliseconds(10));
                using var _ = Defer(ticker.Stop);
                var ticks = ticker.C;
                for (int i = 0; i < n; i++)
                {
                    ticks.Receive();
                }

                return n;
            }
        }
        """);
}
