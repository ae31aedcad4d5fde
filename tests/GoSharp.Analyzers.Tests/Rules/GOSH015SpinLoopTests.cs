using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH015SpinLoopAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH015SpinLoopTests
{
    [Fact]
    public Task Flags_empty_loops_flag_polling_and_select_with_an_idle_default() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            private static bool _done;

            [Goroutine]
            public static void Spin(Chan<int> jobs)
            {
                go(() => { {|GOSH015:while|} (true) { } });
                {|GOSH015:while|} (!_done) { }
                {|GOSH015:do|} { } while (1 < 2);
                {|GOSH015:for|} (;;)
                {
                    switch (Select(jobs.OnReceive(out var job), Default))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                        case 1:
                            break;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Is_quiet_for_loops_that_block_do_work_or_are_not_goroutine_code() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            private static bool _done;

            [Goroutine]
            public static void Work(Chan<int> jobs, int[] data)
            {
                int i = 0;
                while (data[i] != 0) i++;
                for (int j = 0; j < data.Length; j++) { }
                while (!jobs.TrySend(1)) { Gosched(); }
                for (;;)
                {
                    switch (Select(jobs.OnReceive(out var job), Default))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                        default:
                            Sleep(TimeSpan.FromMilliseconds(1));
                            break;
                    }
                }
            }

            [Goroutine]
            public static void Blocks(Chan<int> jobs)
            {
                while (true)
                {
                    switch (Select(jobs.OnReceive(out var job)))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                    }
                }
            }

            // A plain thread may spin on purpose.
            public static void Plain()
            {
                while (!_done) { }
            }

            // staticcheck SA5002's quiet cases: a condition that calls something, a body that does something, a loop that never runs.
            [Goroutine]
            public static void StaticcheckQuiet(Func<bool> more)
            {
                while (more()) { }
                for (;;)
                {
                    break;
                }

                while (false) { }
                do { } while (1 > 2);
            }

            // SA5004's quiet cases: a Select outside a loop, a Default with work, a loop with a condition.
            [Goroutine]
            public static void SelectQuiet(Chan<int> jobs)
            {
                switch (Select(jobs.OnReceive(out var first), Default))
                {
                    case 0:
                        Console.WriteLine(first);
                        break;
                }

                for (;;)
                {
                    switch (Select(jobs.OnReceive(out var job), Default))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                        default:
                            Console.WriteLine("idle");
                            break;
                    }
                }
            }

            [Goroutine]
            public static void Draining(Chan<int> jobs)
            {
                while (!_done)
                {
                    switch (Select(jobs.OnReceive(out var job), Default))
                    {
                        case 0:
                            Console.WriteLine(job);
                            break;
                    }
                }
            }
        }
        """);
}
