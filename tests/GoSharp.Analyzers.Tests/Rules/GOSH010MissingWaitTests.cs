using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH010MissingWaitAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH010MissingWaitTests
{
    [Fact]
    public Task Flags_a_local_WaitGroup_that_counts_goroutines_nobody_waits_for() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Crawler
        {
            [Goroutine]
            public static void Crawl(string[] urls, Chan<string> pages)
            {
                var wg = new WaitGroup();
                foreach (var url in urls)
                {
                    {|GOSH010:wg.Add(1)|};
                    go(() => Fetch(url, wg, pages));
                }
            }

            public static void Plain(int n)
            {
                WaitGroup done = new();
                for (int i = 0; i < n; i++)
                {
                    {|GOSH010:done.Go(() => Console.WriteLine(i))|};
                }
            }

            [Goroutine]
            static void Fetch(string url, WaitGroup wg, Chan<string> pages)
            {
                using var _ = Defer(wg.Done);
                pages.Send(url);
            }
        }
        """);

    [Fact]
    public Task Is_quiet_when_it_waits_here_elsewhere_or_the_WaitGroup_escapes() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Crawler
        {
            private static WaitGroup _shared = new();

            [Goroutine]
            public static void WaitsHere(int n)
            {
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Add(1);
                    go(() => Work(wg));
                }

                wg.Wait();
            }

            [Goroutine]
            public static void WaitedInAnotherGoroutine(Chan<int> results)
            {
                var wg = new WaitGroup();
                wg.Add(1);
                go(() => { using var _ = Defer(wg.Done); results.Send(1); });
                go(() => { wg.Wait(); results.Close(); });
            }

            [Goroutine]
            public static void WaitedInAMethodItIsPassedTo(Chan<int> results)
            {
                var wg = new WaitGroup();
                wg.Add(1);
                go(() => Work(wg));
                go(() => CloseWhenDone(wg, results));
            }

            [Goroutine]
            public static WaitGroup Returned()
            {
                var wg = new WaitGroup();
                wg.Add(1);
                go(() => Work(wg));
                return wg;
            }

            [Goroutine]
            public static void StoredInAField()
            {
                var wg = new WaitGroup();
                wg.Add(1);
                go(() => Work(wg));
                _shared = wg;
            }

            [Goroutine]
            public static void FieldWaitGroup()
            {
                _shared.Add(1);
                go(() => Work(_shared));
            }

            [Goroutine]
            public static void WaitedByALocalFunction(Chan<int> results)
            {
                var wg = new WaitGroup();
                wg.Add(1);
                go(() => Work(wg));
                void WaitAll() => wg.Wait();
                WaitAll();
            }

            [Goroutine]
            public static void Aliased(List<WaitGroup> groups)
            {
                var wg = new WaitGroup();
                var alias = wg;
                wg.Add(1);
                go(() => Work(alias));
                groups.Add(wg);
            }

            public static void NoGoroutines()
            {
                var wg = new WaitGroup();
                wg.Add(1);
                wg.Done();
            }

            [Goroutine]
            static void Work(WaitGroup wg) => wg.Done();

            [Goroutine]
            static void CloseWhenDone(WaitGroup wg, Chan<int> results)
            {
                wg.Wait();
                results.Close();
            }
        }
        """);

    /// <summary>What the GOSH011 fix writes for an intercepted go: <c>wg.Go</c> counts as Add, go and Done, so a missing Wait is still missing.</summary>
    [Fact]
    public Task Flags_wg_Go_of_an_intercepted_twin_without_a_Wait() => Verify.AnalyzerAsync("""
        using GoSharp;

        public static partial class Program
        {
            public static void Main()
            {
                var results = new Chan<int>(3);
                var wg = new WaitGroup();
                for (int i = 0; i < 3; i++)
                {
                    {|GOSH010:wg.Go(() => Square(i, results))|};
                }

                var waited = new WaitGroup();
                waited.Go(() => Square(3, results));
                waited.Wait();
            }

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);
        }
        """, interceptors: true);
}
