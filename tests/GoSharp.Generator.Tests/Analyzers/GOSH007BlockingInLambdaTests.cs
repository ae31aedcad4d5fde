using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GoroutineBodyAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH007BlockingInLambdaTests
{
    [Fact]
    public void Flags_blocking_operations_in_lambdas_and_local_functions_handed_to_other_code() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch, List<int> items)
            {
                items.ForEach(x => {|GOSH007:ch.Send(x)|});
                int Local() => {|GOSH007:ch.Receive()|};
                Func<int> escapes = Local;
                Func<int> passed = () => {|GOSH007:ch.Receive()|};
                items.Add(passed());
                Task.Run(passed);
                void ByRef(ref int x) => x = {|GOSH007:ch.Receive()|};
                int y = 0;
                ByRef(ref y);
                void InLock() => {|GOSH007:ch.Send(1)|};
                lock (items) { InLock(); }
                Helper(ch);
            }

            [Goroutine]
            static void Helper(Chan<int> ch) { }

            [Goroutine]
            static void Nested(Chan<int> ch) => Task.Run(() => {|GOSH007:Helper(ch)|});
        }
        """);

    [Fact]
    public void Is_quiet_on_go_statement_lambdas_and_on_non_goroutine_methods() => Verify.Verify("""
        using GoSharp;
        using static GoSharp.Go;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch)
            {
                go(() => ch.Send(1));
                go(() => { ch.Receive(); Helper(ch); });
                Go.go(() => Helper(ch));
            }

            [Goroutine]
            static void Helper(Chan<int> ch) { }

            static void Plain(Chan<int> ch, List<int> items) => items.ForEach(x => ch.Send(x));
        }
        """);

    [Fact]
    public void Is_quiet_on_local_functions_that_park_and_do_not_escape() => Verify.Verify("""
        using GoSharp;
        using static GoSharp.Go;
        public static partial class Program
        {
            [Goroutine]
            static int Work(Chan<int> ch)
            {
                int Receive() => ch.Receive();
                void Forward(int v) { ch.Send(v); }
                int Twice() => Receive() + Receive();
                Func<int, int> plus = x => ch.Receive() + x;
                go(() => Forward(1));
                Forward(Twice());
                return plus(Receive());
            }
        }
        """);
}
