using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH011EntryExitsFirstAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH011EntryExitsFirstCodeFixTests
{
    [Fact]
    public Task Counts_each_goroutine_and_waits_at_the_end() => Verify.CodeFixAsync<GOSH011EntryExitsFirstCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static class Program
        {
            public static void Main()
            {
                {|GOSH011:go|}(() => Console.WriteLine("hello from a goroutine"));
                go(() =>
                {
                    Console.WriteLine("and from another");
                });
                Console.WriteLine("main is done");
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static class Program
        {
            public static void Main()
            {
                var wg = new WaitGroup();
                wg.Add(1);
                go(() =>
                {
                    using var _ = Defer(wg.Done);
                    Console.WriteLine("hello from a goroutine");
                });
                wg.Add(1);
                go(() =>
                {
                    using var _ = Defer(wg.Done);
                    Console.WriteLine("and from another");
                });
                Console.WriteLine("main is done");
                wg.Wait();
            }
        }
        """);

    /// <summary>
    /// <c>go(() =&gt; Square(i, results))</c> evaluates <c>i</c> at the go statement; the block the fix
    /// writes would read it when the goroutine runs, so <c>i</c> (which the loop changes) is copied
    /// first, and <c>results</c> (which nothing writes again) is not. Both entry functions are fixed
    /// in one pass by Fix All.
    /// </summary>
    [Fact]
    public Task Keeps_arguments_evaluated_at_the_go_and_waits_before_each_return() => Verify.CodeFixAsync<GOSH011EntryExitsFirstCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static int Main(string[] args)
            {
                var results = new Chan<int>(3);
                for (int i = 0; i < 3; i++)
                {
                    {|GOSH011:go|}(() => Square(i, results));
                }

                if (args.Length > 0)
                    return 1;
                Console.WriteLine("started");
                return 0;
            }

            public static void Other(bool verbose) => Go.Run(() =>
            {
                if (verbose)
                    {|GOSH011:go|}(Report);
                Console.WriteLine("done");
            });

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);

            static void Report() => Console.WriteLine("report");
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static int Main(string[] args)
            {
                var results = new Chan<int>(3);
                var wg = new WaitGroup();
                for (int i = 0; i < 3; i++)
                {
                    wg.Add(1);
                    var iCopy = i;
                    go(() =>
                    {
                        using var _ = Defer(wg.Done);
                        Square(iCopy, results);
                    });
                }

                if (args.Length > 0)
                {
                    wg.Wait();
                    return 1;
                }
                Console.WriteLine("started");
                wg.Wait();
                return 0;
            }

            public static void Other(bool verbose) => Go.Run(() =>
            {
                var wg = new WaitGroup();
                if (verbose)
                {
                    wg.Add(1);
                    go(() =>
                    {
                        using var _ = Defer(wg.Done);
                        Report();
                    });
                }
                Console.WriteLine("done");
                wg.Wait();
            });

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);

            static void Report() => Console.WriteLine("report");
        }
        """);

    [Fact]
    public Task Turns_an_expression_body_into_a_block() => Verify.CodeFixAsync<GOSH011EntryExitsFirstCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static class Program
        {
            public static void Main() => {|GOSH011:go|}(() => Console.WriteLine($"hello at {DateTime.Now}"));
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static class Program
        {
            public static void Main()
            {
                var wg = new WaitGroup();
                wg.Add(1);
                var argument = $"hello at {DateTime.Now}";
                go(() =>
                {
                    using var _ = Defer(wg.Done);
                    Console.WriteLine(argument);
                });
                wg.Wait();
            }
        }
        """);

    /// <summary>
    /// With the interceptors on (as the package's targets set them), <c>go(() =&gt; Square(i, results))</c>
    /// becomes <c>wg.Go(() =&gt; Square(i, results))</c>, intercepted the same way: the twin parks, and
    /// <c>i</c> is still evaluated at the call, so nothing is copied. A call the interceptors cannot
    /// make (a private method) and a block keep the Add/Defer shape.
    /// </summary>
    [Fact]
    public Task With_interceptors_an_intercepted_go_becomes_wg_Go() => Verify.CodeFixAsync<GOSH011EntryExitsFirstCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var results = new Chan<int>(5);
                for (int i = 0; i < 3; i++)
                {
                    {|GOSH011:go|}(() => Square(i, results));
                }

                go(() => Record(results, 7));
                go(() => results.Send(8));
                Console.WriteLine("started");
            }

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);

            private static void Record(Chan<int> results, int i) => results.Send(i);
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var results = new Chan<int>(5);
                var wg = new WaitGroup();
                for (int i = 0; i < 3; i++)
                {
                    wg.Go(() => Square(i, results));
                }

                wg.Add(1);
                go(() =>
                {
                    using var _ = Defer(wg.Done);
                    Record(results, 7);
                });
                wg.Go(() => results.Send(8));
                Console.WriteLine("started");
                wg.Wait();
            }

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);

            private static void Record(Chan<int> results, int i) => results.Send(i);
        }
        """, interceptors: true);
}
