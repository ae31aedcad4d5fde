using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH016ThreadBlockingCallAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH016ThreadBlockingCallCodeFixTests
{
    [Fact]
    public Task Uses_the_static_import_when_the_file_has_one() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            [Goroutine]
            public static int Run(Task<int> pending, Task<int> other, Task done)
            {
                {|GOSH016:Thread.Sleep(100)|};
                {|GOSH016:Thread.Sleep(TimeSpan.FromSeconds(1))|};
                {|GOSH016:done.Wait()|};
                int a = {|GOSH016:pending.Result|};
                return a + {|GOSH016:other.GetAwaiter().GetResult()|};
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            [Goroutine]
            public static int Run(Task<int> pending, Task<int> other, Task done)
            {
                Sleep(TimeSpan.FromMilliseconds(100));
                Sleep(TimeSpan.FromSeconds(1));
                Await(done);
                int a = Await(pending);
                return a + Await(other);
            }
        }
        """);

    [Fact]
    public Task Qualifies_with_Go_without_the_static_import() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        using GoSharp;

        public static partial class Worker
        {
            public static void Start(Task<string> reply) => Go.go(() =>
            {
                {|GOSH016:Thread.Sleep(5)|};
                Console.WriteLine({|GOSH016:reply.Result|});
            });
        }
        """, """
        using GoSharp;

        public static partial class Worker
        {
            public static void Start(Task<string> reply) => Go.go(() =>
            {
                Go.Sleep(TimeSpan.FromMilliseconds(5));
                Console.WriteLine(Go.Await(reply));
            });
        }
        """);

    [Fact]
    public Task Spells_out_GoSharp_when_no_using_brings_it_in() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        public static partial class Worker
        {
            [GoSharp.Goroutine]
            public static void Run() => {|GOSH016:Thread.Sleep(5)|};
        }
        """, """
        public static partial class Worker
        {
            [GoSharp.Goroutine]
            public static void Run() => GoSharp.Go.Sleep(TimeSpan.FromMilliseconds(5));
        }
        """);
}
