using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH013DoneNotOnEveryPathAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH013DoneNotOnEveryPathTests
{
    [Fact]
    public Task Flags_Done_after_a_return_or_throw_and_Done_on_some_paths_only() => Verify.AnalyzerAsync("""
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
                    if (!counts.ContainsKey("a")) throw new KeyNotFoundException("a");
                    counts["a"]++;
                    {|GOSH013:wg.Done()|};
                });
            }

            [Goroutine]
            public static void SomePaths(WaitGroup wg, Chan<int> results, bool ok)
            {
                if (ok)
                {
                    results.Send(1);
                    {|GOSH013:wg.Done()|};
                }
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

            // Go's usual shape, which vet and staticcheck accept: the calls before Done might
            // throw, but flagging that would flag the last line of most goroutines.
            [Goroutine]
            public static void DoneLast(WaitGroup wg, Chan<int> results, Dictionary<string, int> counts)
            {
                counts["a"]++;
                results.Send(1);
                wg.Done();
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
