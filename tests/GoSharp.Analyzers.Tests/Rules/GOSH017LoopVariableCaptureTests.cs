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

    /// <summary>
    /// Go's loopclosure quiet cases that C# can write (a copy, a composite literal's field name),
    /// and those C# adds: a variable the loop never changes, a goroutine the iteration waits for,
    /// a function that runs in the caller (<c>Once.Do</c>) or is not GoSharp's (a user's <c>Group.Go</c>).
    /// </summary>
    [Fact]
    public Task Is_quiet_where_the_goroutine_cannot_see_the_variable_change() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public sealed class Box
        {
            public int i;
        }

        public sealed class Group
        {
            public void Go(Action f) => f();
        }

        public static partial class Program
        {
            [Goroutine]
            public static void Run(Chan<int> results, List<int> items, Once once)
            {
                for (int i = 0, n = items.Count; i < n; i++)
                {
                    go(() => { results.Send(n); });           // n is never written after the header
                    go(() => { var box = new Box { i = 1 }; results.Send(box.i); });
                    go(() => { Report(value: 1, i: 2); });    // a named argument, not the variable
                }

                for (int i = 0; i < items.Count; i++)
                {
                    var done = new Chan<bool>();
                    go(() => { results.Send(items[i]); done.Send(true); });
                    done.Receive();                           // the iteration waits for the goroutine
                }

                var wg = new WaitGroup();
                for (int i = 0; i < items.Count; i++)
                {
                    wg.Add(1);
                    go(() => { using var _ = Defer(wg.Done); results.Send(i); });
                    wg.Wait();
                }

                var group = new Group();
                for (int i = 0; i < 3; i++)
                {
                    once.Do(() => { results.Send(i); });     // runs now, in this goroutine
                    group.Go(() => { results.Send(i); });    // not a GoSharp goroutine
                }
            }

            static void Report(int value, int i) => Console.WriteLine(value + i);
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

    [Fact]
    public Task In_goroutine_code_wg_Go_of_a_call_evaluates_its_arguments_at_the_call() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Run(Chan<int> results)
            {
                var wg = new WaitGroup();
                for (int i = 0; i < 10; i++)
                {
                    wg.Go(() => Square(i, results));           // a twin: evaluated at the call
                    wg.Go(() => Console.WriteLine(i));         // an ordinary call: evaluated at the call
                    wg.Go(() => { results.Send({|GOSH017:i|}); }); // a block reads i when it runs
                }

                wg.Wait();
            }

            [Goroutine]
            static void Square(int i, Chan<int> results) => results.Send(i * i);
        }
        """);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task In_ordinary_code_flags_wg_Go_of_a_call_only_where_its_arguments_are_not_evaluated_at_the_call(bool interceptors) => Verify.AnalyzerAsync(
        """
        using GoSharp;

        public static partial class Program
        {
            public static void Main()
            {
                var results = new Chan<int>(30);
                var wg = new WaitGroup();
                for (int i = 0; i < 10; i++)
                {
                    wg.Go(() => Record(results, {|GOSH017:i|}));   // private: the interceptors cannot call it
                    wg.Go(() => Worker(results, i));               // a twin: intercepted when interceptors are on
                }

                wg.Wait();
            }

            private static void Record(Chan<int> results, int i) => results.Send(i);

            [Goroutine]
            internal static void Worker(Chan<int> results, int i) => results.Send(i);
        }
        """.Replace("Worker(results, i)", interceptors ? "Worker(results, i)" : "Worker(results, {|GOSH017:i|})"),
        interceptors);
}
