using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GOSH002UnsupportedParameterAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH002UnsupportedParameterTests
{
    [Fact]
    public void Flags_ref_out_in_and_ref_struct_parameters() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void A(ref int {|GOSH002:x|}) => x++;

            [Goroutine]
            static void B(out int {|GOSH002:x|}) => x = 1;

            [Goroutine]
            static void C(in int {|GOSH002:x|}) { }

            [Goroutine]
            static void D(System.Span<int> {|GOSH002:span|}) { }
        }
        """);

    [Fact]
    public void Is_quiet_on_value_and_reference_parameters() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void A(int x, string s, Chan<int> ch, int[] items, params object[] rest) { }

            static void NotAGoroutine(ref int x) => x++;
        }
        """);
}
