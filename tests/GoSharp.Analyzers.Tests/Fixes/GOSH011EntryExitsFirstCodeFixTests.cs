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
}
