using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH011EntryExitsFirstAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH011EntryExitsFirstTests
{
    [Fact]
    public Task Flags_go_in_Main_and_in_the_main_goroutine_when_nothing_waits() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static class Program
        {
            public static void Main()
            {
                for (int i = 0; i < 3; i++)
                {
                    {|GOSH011:go|}(() => Console.WriteLine("hello from a goroutine"));
                }

                Console.WriteLine("main is done");
            }

            public static void Other() => Go.Run(() =>
            {
                {|GOSH011:Go.go|}(() => Console.WriteLine("never printed"));
            });
        }
        """);

    [Fact]
    public Task Names_the_entry_code_in_a_sentence_that_reads() => Verify.AnalyzerAsync(
        """
        using GoSharp;
        using static GoSharp.Go;

        public static class Program
        {
            public static void Main() => {|#0:go|}(() => Console.WriteLine("lost"));

            public static int Other() => Go.Run(() =>
            {
                {|#1:go|}(() => Console.WriteLine("lost too"));
                return 1;
            });
        }
        """,
        new DiagnosticResult("GOSH011", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'Main' returns without waiting for this goroutine, and the program ends with it: wait for it before returning (a WaitGroup, or a receive from a channel it sends on)"),
        new DiagnosticResult("GOSH011", DiagnosticSeverity.Warning).WithLocation(1).WithMessage(
            "The lambda given to 'Go.Run' returns without waiting for this goroutine, and the program ends with it: wait for it before returning (a WaitGroup, or a receive from a channel it sends on)"));

    [Fact]
    public Task Is_quiet_when_anything_after_the_go_may_wait() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var done = new Chan<bool>();
                go(() => { Console.WriteLine("work"); done.Send(true); });
                done.Receive();

                var wg = new WaitGroup();
                wg.Add(1);
                go(() => { using var _ = Defer(wg.Done); });
                wg.Wait();

                go(() => Console.WriteLine("work"));
                Finish();

                var lines = new Chan<string>();
                go(() => { lines.Send("a line"); lines.Close(); });
                foreach (var line in lines) Console.WriteLine(line);

                go(() => Console.WriteLine("until a key"));
                Console.ReadLine();

                Go.Run(() => Console.WriteLine("no goroutines"));
            }

            static void Finish() => Thread.Sleep(10);

            // Not an entry point.
            public static void Start() => go(() => Console.WriteLine("background"));
        }
        """);
}
