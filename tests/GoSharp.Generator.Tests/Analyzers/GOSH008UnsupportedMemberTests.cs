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
}
