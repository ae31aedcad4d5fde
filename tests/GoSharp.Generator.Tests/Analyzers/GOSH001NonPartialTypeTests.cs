using GoSharp.Analyzers.Rewriting;
using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GOSH001NonPartialTypeAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH001NonPartialTypeTests
{
    [Fact]
    public void Flags_a_goroutine_method_in_a_non_partial_type() => Verify.Verify("""
        using GoSharp;
        public static class Program
        {
            [Goroutine]
            static void {|GOSH001:Work|}(Chan<int> ch) => ch.Send(1);
        }
        """);

    [Fact]
    public void Flags_a_non_partial_containing_type() => Verify.Verify("""
        using GoSharp;
        public class Outer
        {
            public partial class Inner
            {
                [Goroutine]
                static void {|GOSH001:Work|}() { }
            }
        }
        """);

    [Fact]
    public void Is_quiet_on_partial_types_and_on_methods_without_the_attribute() => Verify.Verify("""
        using GoSharp;
        public partial class Outer
        {
            public partial class Inner
            {
                [Goroutine]
                static void Work() { }
            }
        }

        public class Plain
        {
            static void NotAGoroutine(Chan<int> ch) => ch.Send(1);
        }
        """);

    [Fact]
    public void Is_quiet_on_partial_class_Program_beside_top_level_statements() => Verify.Verify("""
        using GoSharp;
        Work();

        partial class Program
        {
            [Goroutine]
            static void Work() { }
        }
        """);

    [Fact]
    public void Has_its_id() => Assert.Equal("GOSH001", GOSH001NonPartialTypeAnalyzer.Id);
}
