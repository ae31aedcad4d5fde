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

                Go.Run(() => Console.WriteLine("no goroutines"));
            }

            static void Finish() => Thread.Sleep(10);

            // Not an entry point.
            public static void Start() => go(() => Console.WriteLine("background"));
        }
        """);
}
