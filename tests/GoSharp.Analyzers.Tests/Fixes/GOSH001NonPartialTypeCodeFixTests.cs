using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Rewriting.GOSH001NonPartialTypeAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH001NonPartialTypeCodeFixTests
{
    [Fact]
    public Task Makes_the_type_and_its_containing_types_partial() => Verify.CodeFixAsync<GOSH001NonPartialTypeCodeFix>("""
        using GoSharp;

        class Outer
        {
            public static class Workers
            {
                [Goroutine]
                public static void {|GOSH001:Run|}(Chan<int> ch) => ch.Send(1);
            }
        }
        """, """
        using GoSharp;

        partial class Outer
        {
            public static partial class Workers
            {
                [Goroutine]
                public static void Run(Chan<int> ch) => ch.Send(1);
            }
        }
        """);
}
