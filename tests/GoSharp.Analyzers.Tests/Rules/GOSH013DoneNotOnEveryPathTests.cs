using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH013DoneNotOnEveryPathAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH013DoneNotOnEveryPathTests
{
    [Fact]
    public Task Flags_Done_after_code_that_can_throw_or_return() => Verify.AnalyzerAsync("""
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
            public static void Start(WaitGroup wg, Dictionary<string, int> counts)
            {
                wg.Add(1);
                go(() =>
                {
                    counts["a"]++;
                    {|GOSH013:wg.Done()|};
                });
            }
        }
        """);

    [Fact]
    public Task Is_quiet_for_Defer_finally_plain_code_and_bodies_that_cannot_leave_early() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            private static int _count;

            [Goroutine]
            public static void Deferred(WaitGroup wg, Chan<int> results)
            {
                using var _ = Defer(wg.Done);
                results.Send(1);
            }

            [Goroutine]
            public static void InFinally(WaitGroup wg, Chan<int> results)
            {
                try
                {
                    results.Send(1);
                }
                finally
                {
                    wg.Done();
                }
            }

            [Goroutine]
            public static void NothingBefore(WaitGroup wg)
            {
                wg.Done();
                _count++;
            }

            // Not goroutine code.
            public static void Plain(WaitGroup wg, Chan<int> results)
            {
                results.Send(1);
                wg.Done();
            }

            [Goroutine]
            public static void OnlyCounts(WaitGroup wg)
            {
                go(() => { _count++; wg.Done(); });
            }
        }
        """);
}
