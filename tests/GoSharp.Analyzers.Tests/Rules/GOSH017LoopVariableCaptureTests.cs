using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH017LoopVariableCaptureAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH017LoopVariableCaptureTests
{
    [Fact]
    public Task Flags_a_for_variable_read_by_a_goroutine_block_lambda() => Verify.AnalyzerAsync("""
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

                for (int i = 0, j = 10; i < j; i++, j--)
                {
                    go(delegate { Console.WriteLine($"{{|GOSH017:i|}} {{|GOSH017:j|}}"); });
                }
            }
        }
        """);

    [Fact]
    public Task Is_quiet_for_call_lambdas_foreach_variables_copies_and_plain_lambdas() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(Chan<int> results, int[] items)
            {
                for (int i = 0; i < 10; i++)
                {
                    go(() => Square(i, results)); // arguments are evaluated at the go
                    int copy = i;
                    go(() => { results.Send(copy); });
                    Action later = () => { Console.WriteLine(i); };
                    later();
                }

                foreach (var item in items)
                {
                    go(() => { results.Send(item); }); // one variable per iteration
                }

                int k = 0;
                go(() => { results.Send(k); });
            }

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);
        }
        """);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task In_ordinary_code_flags_go_of_a_call_only_where_its_arguments_are_not_evaluated_at_the_go(bool interceptors) => Verify.AnalyzerAsync(
        """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var results = new Chan<int>(30);
                for (int i = 0; i < 10; i++)
                {
                    go(() => Record(results, {|GOSH017:i|}));      // private: the interceptors cannot call it
                    go(() => Visible(results, INTERNAL));          // internal: intercepted when interceptors are on
                    go(() => Worker(results, i));                  // a twin: intercepted when interceptors are on
                    void Local(int n) => results.Send(n);
                    go(() => Local({|GOSH017:i|}));                // a local function: never intercepted
                }
            }

            private static void Record(Chan<int> results, int i) => results.Send(i);

            internal static void Visible(Chan<int> results, int i) => results.Send(i);

            [Goroutine]
            internal static void Worker(Chan<int> results, int i) => results.Send(i);
        }
        """.Replace("INTERNAL", interceptors ? "i" : "{|GOSH017:i|}").Replace("Worker(results, i)", interceptors ? "Worker(results, i)" : "Worker(results, {|GOSH017:i|})"),
        interceptors);
}
