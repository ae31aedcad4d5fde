using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH017LoopVariableCaptureAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH017LoopVariableCaptureCodeFixTests
{
    [Fact]
    public Task Copies_the_variable_before_the_go() => Verify.CodeFixAsync<GOSH017LoopVariableCaptureCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(Chan<int> results)
            {
                for (int i = 0; i < 10; i++)
                {
                    go(() =>
                    {
                        results.Send({|GOSH017:i|} * i);
                    });
                }
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(Chan<int> results)
            {
                for (int i = 0; i < 10; i++)
                {
                    var iCopy = i;
                    go(() =>
                    {
                        results.Send(iCopy * iCopy);
                    });
                }
            }
        }
        """);
}
