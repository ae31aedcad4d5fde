using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH013DoneNotOnEveryPathAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH013DoneNotOnEveryPathTests
{
    [Fact]
    public Task Flags_Done_that_a_return_a_branch_a_throw_or_a_catch_skips() => Verify.AnalyzerAsync("""
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
            public static void Start(WaitGroup wg, Dictionary<string, int> counts, bool ok)
            {
                wg.Add(3);
                go(() =>
                {
                    if (!counts.ContainsKey("a"))
                        throw new InvalidOperationException("no a");
                    counts["a"]++;
                    {|GOSH013:wg.Done()|};
                });
                go(() =>
                {
                    if (ok)
                        {|GOSH013:wg.Done()|};
                });
                go(() =>
                {
                    try
                    {
                        counts["b"]++;
                    }
                    catch (KeyNotFoundException)
                    {
                        Console.WriteLine("no b");
                        return;
                    }

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
    public Task Is_quiet_for_Defer_finally_plain_code_and_bodies_where_every_path_calls_Done() => Verify.AnalyzerAsync("""
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
            public static void NothingBefore(WaitGroup wg, bool stop)
            {
                wg.Done();
                if (stop)
                    return;
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
                if (_count > 0)
                    return;
                results.Send(1);
                wg.Done();
            }

            // A call may throw, but an exception escaping a goroutine fails its run, as a panic ends a Go program.
            [Goroutine]
            public static void CallsFirst(WaitGroup wg, Chan<int> results)
            {
                results.Send(_count);
                go(() => { _count++; Console.WriteLine(_count); wg.Done(); });
                wg.Done();
            }

            [Goroutine]
            public static void OnEveryBranch(WaitGroup wg, Chan<int> results, bool early)
            {
                if (early)
                {
                    wg.Done();
                    return;
                }

                results.Send(1);
                wg.Done();
            }

            [Goroutine]
            public static void CaughtHere(WaitGroup wg, string text)
            {
                try
                {
                    if (text.Length == 0)
                        throw new ArgumentException("empty", nameof(text));
                    _count += int.Parse(text);
                }
                catch (Exception e)
                {
                    Console.WriteLine(e.Message);
                }

                wg.Done();
            }

            // Like os.Exit for vet: the path ends the process, not the goroutine.
            [Goroutine]
            public static void Exits(WaitGroup wg, bool fatal)
            {
                if (fatal)
                    Environment.Exit(1);
                wg.Done();
            }
        }
        """);

    /// <summary><c>wg.Go</c> calls Done itself when the goroutine returns or throws: an early return in its body skips nothing.</summary>
    [Fact]
    public Task Is_quiet_for_goroutines_started_by_wg_Go() => Verify.AnalyzerAsync("""
        using GoSharp;

        public static partial class Program
        {
            [Goroutine]
            public static void Start(Chan<int> results, bool ok)
            {
                var wg = new WaitGroup();
                wg.Go(() =>
                {
                    if (!ok)
                        return;
                    results.Send(1);
                });
                wg.Go(() => Send(results, ok));
                wg.Wait();
            }

            [Goroutine]
            static void Send(Chan<int> results, bool ok)
            {
                if (ok)
                    results.Send(2);
            }
        }
        """);
}
