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
        }
        """);
}
