using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GOSH003AsyncMethodAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH003AsyncMethodTests
{
    [Fact]
    public void Flags_an_async_goroutine_method() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static {|GOSH003:async|} Task Work() => await Task.Yield();
        }
        """);

    [Fact]
    public void Is_quiet_on_synchronous_goroutine_methods_and_on_async_methods_without_the_attribute() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static Task Work() => Task.CompletedTask;

            static async Task Plain() => await Task.Yield();
        }
        """);
}
