using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH013DoneNotOnEveryPathAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH013DoneNotOnEveryPathCodeFixTests
{
    [Fact]
    public Task Defers_Done_at_the_top() => Verify.CodeFixAsync<GOSH013DoneNotOnEveryPathCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Worker(int id, WaitGroup wg, Chan<int> results)
            {
                if (id < 0)
                {
                    return;
                }

                results.Send(id * id);
                {|GOSH013:wg.Done()|};
            }

            [Goroutine]
            public static void Start(WaitGroup wg, Chan<int> results)
            {
                go(() =>
                {
                    using var _ = Defer(results.Close);
                    if (results.Len > 0) throw new InvalidOperationException("full");
                    results.Send(1);
                    {|GOSH013:wg.Done()|};
                });
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Worker(int id, WaitGroup wg, Chan<int> results)
            {
                using var _ = Defer(wg.Done);
                if (id < 0)
                {
                    return;
                }

                results.Send(id * id);
            }

            [Goroutine]
            public static void Start(WaitGroup wg, Chan<int> results)
            {
                go(() =>
                {
                    using var __ = Defer(wg.Done);
                    using var _ = Defer(results.Close);
                    if (results.Len > 0) throw new InvalidOperationException("full");
                    results.Send(1);
                });
            }
        }
        """);
}
