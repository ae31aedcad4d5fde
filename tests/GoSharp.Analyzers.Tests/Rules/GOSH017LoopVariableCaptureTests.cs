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
}
