using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH018LostCancelAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH018LostCancelTests
{
    [Fact]
    public Task Flags_a_cancel_that_is_discarded_unused_or_skipped_by_a_return() => Verify.AnalyzerAsync("""
        using GoSharp;

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

            [Goroutine]
            public static int SkippedByReturn(Context parent, bool quick)
            {
                var (ctx, {|GOSH018:cancel|}) = Context.WithDeadline(parent, DateTime.UtcNow.AddSeconds(1));
                if (quick)
                {
                    return 0;
                }

                Console.WriteLine(ctx.Err());
                cancel();
                return 1;
            }
        }
        """);

    [Fact]
    public Task Is_quiet_when_cancel_is_deferred_called_on_every_path_or_handed_on() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Deferred(Context parent)
            {
                var (ctx, cancel) = Context.WithTimeout(parent, TimeSpan.FromSeconds(1));
                using var _ = Defer(cancel);
                Console.WriteLine(ctx.Err());
            }

            [Goroutine]
            public static void CalledBeforeReturning(Context parent, bool quick)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                cancel();
                if (quick)
                {
                    return;
                }

                Console.WriteLine(ctx.Err());
            }

            public static (Context, Action) HandedOn(Context parent)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                return (ctx, cancel);
            }

            public static void CalledByAGoroutine(Context parent)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                go(() => cancel());
                Console.WriteLine(ctx.Err());
            }
        }
        """);
}
