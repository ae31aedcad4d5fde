using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH020TickerLeakAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH020TickerLeakTests
{
    [Fact]
    public Task Flags_Tick_in_a_loop_and_in_functions_that_return() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Poll(Chan<int> jobs)
            {
                for (int i = 0; i < 3; i++)
                {
                    switch (Select(jobs.OnReceive(out var job), {|GOSH020:Tick(TimeSpan.FromSeconds(1))|}.OnReceive(out var now)))
                    {
                        case 0: Console.WriteLine(job); break;
                        case 1: Console.WriteLine(now); break;
                    }
                }
            }

            [Goroutine]
            public static int CountTicks(int n)
            {
                var ticks = {|GOSH020:Go.Tick(TimeSpan.FromMilliseconds(10))|};
                for (int i = 0; i < n; i++)
                {
                    ticks.Receive();
                }

                return n;
            }

            // staticcheck's fn2 and fn3: a loop over the ticker's channel that a break or a return leaves.
            public static void Breaks(bool stop)
            {
                foreach (var t in {|GOSH020:Tick(TimeSpan.FromSeconds(1))|})
                {
                    Console.WriteLine(t);
                    if (stop)
                        break;
                }
            }

            public static void Returns(bool stop)
            {
                foreach (var t in {|GOSH020:Tick(TimeSpan.FromSeconds(1))|})
                {
                    Console.WriteLine(t);
                    if (stop)
                        return;
                }
            }
        }
        """);

    [Fact]
    public Task Is_quiet_in_Main_and_in_endless_functions() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var ticks = Tick(TimeSpan.FromSeconds(1));
                Console.WriteLine(ticks.Receive());
            }

            [Goroutine]
            public static void Heartbeat(Chan<string> log)
            {
                // The ticker's channel is never closed: the loop never ends (staticcheck's fn1).
                foreach (var t in Tick(TimeSpan.FromSeconds(1)))
                {
                    log.Send($"alive at {t}");
                }
            }

            // staticcheck's fn4: a goroutine that never returns.
            public static void Background(Chan<string> log) => Go.go(() =>
            {
                foreach (var t in Tick(TimeSpan.FromSeconds(1)))
                {
                    log.Send($"alive at {t}");
                }
            });

            // staticcheck's fn5: the only way out is a throw, before the ticker starts.
            public static void FailsFirst(bool broken)
            {
                if (broken)
                    throw new InvalidOperationException("broken");
                foreach (var t in Tick(TimeSpan.FromSeconds(1)))
                {
                    Console.WriteLine(t);
                }
            }

            [Goroutine]
            public static void Forever(Chan<string> log)
            {
                var ticks = Tick(TimeSpan.FromSeconds(1));
                while (true)
                {
                    log.Send($"alive at {ticks.Receive()}");
                }
            }
        }
        """);
}
