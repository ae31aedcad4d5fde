using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH018LostCancelAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH018LostCancelCodeFixTests
{
    [Fact]
    public Task Defers_the_cancel_and_names_a_discarded_one() => Verify.CodeFixAsync<GOSH018LostCancelCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Discarded(Context parent)
            {
                var (ctx, {|GOSH018:_|}) = Context.WithTimeout(parent, TimeSpan.FromSeconds(1));
                Console.WriteLine(ctx.Err());
            }

            [Goroutine]
            public static void NeverCalled(Context parent)
            {
                var (ctx, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                Console.WriteLine(ctx.Err());
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Discarded(Context parent)
            {
                var (ctx, cancel) = Context.WithTimeout(parent, TimeSpan.FromSeconds(1));
                using var _ = Defer(cancel);
                Console.WriteLine(ctx.Err());
            }

            [Goroutine]
            public static void NeverCalled(Context parent)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                using var _ = Defer(cancel);
                Console.WriteLine(ctx.Err());
            }
        }
        """);
}
