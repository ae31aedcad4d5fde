using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GOSH008UnsupportedMemberAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH008UnsupportedMemberTests
{
    [Fact]
    public void Flags_virtual_abstract_struct_instance_and_local_function_goroutines() => Verify.Verify("""
        using GoSharp;
        public abstract partial class Base
        {
            [Goroutine]
            public virtual void {|GOSH008:Virtual|}() { }

            [Goroutine]
            public abstract void {|GOSH008:Abstract|}();

            void Host()
            {
                [Goroutine]
                void {|GOSH008:Local|}() { }

                Local();
            }
        }

        public partial struct Value
        {
            [Goroutine]
            public void {|GOSH008:Instance|}() { }
        }
        """);

    [Fact]
    public void Is_quiet_on_static_and_sealed_instance_methods() => Verify.Verify("""
        using GoSharp;
        public partial class Service
        {
            [Goroutine]
            public void Instance() { }

            [Goroutine]
            public static void Static() { }
        }

        public partial struct Value
        {
            [Goroutine]
            public static void Static() { }
        }
        """);

    [Fact]
    public void Tells_a_top_level_program_where_its_goroutines_go()
    {
        var compilation = GoSharp.Generator.Tests.Support.GeneratorHarness.Compile("""
            using GoSharp;
            Work();

            [GoSharp.Goroutine]
            static void Work() { }
            """, outputKind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
        var diagnostic = Assert.Single(GoSharp.Generator.Tests.Support.GeneratorHarness.Analyze(compilation, new GoSharp.Analyzers.Rewriting.GOSH008UnsupportedMemberAnalyzer()));
        Assert.Equal(
            "[Goroutine] is not supported on a local function of the top-level statements (declare it as a static method in `partial class Program { }` after them); use a non-virtual method of a class, or a static method",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Is_quiet_on_the_goroutines_of_a_top_level_program_declared_in_partial_class_Program() => Verify.Verify("""
        using GoSharp;
        Work();

        partial class Program
        {
            [Goroutine]
            static void Work() { }
        }
        """);
}
