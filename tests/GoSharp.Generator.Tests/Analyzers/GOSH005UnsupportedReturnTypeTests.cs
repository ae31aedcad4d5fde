using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GOSH005UnsupportedReturnTypeAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH005UnsupportedReturnTypeTests
{
    [Fact]
    public void Flags_ref_returns_and_ref_struct_returns() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            private static int s_value;

            [Goroutine]
            static ref int {|GOSH005:Value|}() => ref s_value;

            [Goroutine]
            static System.Span<int> {|GOSH005:Slice|}(int[] items) => items;
        }
        """);

    [Fact]
    public void Is_quiet_on_values_tuples_and_generics() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static (int, string) Pair() => (1, "a");

            [Goroutine]
            static T Echo<T>(T value) => value;
        }
        """);
}
