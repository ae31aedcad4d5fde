using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GOSH004IteratorMethodAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH004IteratorMethodTests
{
    [Fact]
    public void Flags_an_iterator_goroutine_method() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static IEnumerable<int> {|GOSH004:Numbers|}()
            {
                yield return 1;
            }
        }
        """);

    [Fact]
    public void Is_quiet_when_only_a_local_function_or_lambda_yields() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static IEnumerable<int> Numbers()
            {
                return Local();

                static IEnumerable<int> Local()
                {
                    yield return 1;
                }
            }
        }
        """);
}
