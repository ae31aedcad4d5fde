using System.Reflection;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

/// <summary>
/// <c>SyncTest.Run(() =&gt; F(args), seed)</c> and <c>SyncTest.Explore(() =&gt; F(args), runs)</c>
/// with a <c>[Goroutine]</c> F are intercepted like <c>Go.Run</c>: the bubble's root is F's twin,
/// which parks, with the arguments evaluated at the call (for Explore, once per seed, as the lambda
/// would evaluate them).
/// </summary>
[Collection(SchedulerBound.Name)]
public class SyncTestInterceptionTests
{
    private const string Source = """
        using GoSharp;
        using GoSharp.Testing;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static string Run()
            {
                int evaluated = 0;
                TimeSpan slept = SyncTest.Run(() => Measure(Count(ref evaluated, 2)), seed: 5);
                var seeds = new List<long>();
                SyncTest.Run(() => Record(seeds));
                SyncTest.Explore(() => Record(seeds), runs: 3);
                SyncTest.Explore(() => Hours(Count(ref evaluated, 1)), 2);
                return $"{slept.TotalHours} {evaluated} {string.Join(",", seeds.Skip(1))}";
            }

            static int Count(ref int evaluated, int hours)
            {
                evaluated++;
                return hours;
            }

            [Goroutine]
            static TimeSpan Measure(int hours)
            {
                DateTime start = SyncTest.Now;
                var done = new Chan<bool>();
                go(() => Nap(hours, done));
                done.Receive();
                return SyncTest.Now - start;
            }

            [Goroutine]
            static void Nap(int hours, Chan<bool> done)
            {
                Sleep(TimeSpan.FromHours(hours));
                done.Close();
            }

            [Goroutine]
            static void Record(List<long> seeds) => seeds.Add(SyncTest.Seed);

            [Goroutine]
            static int Hours(int hours) => (int)Measure(hours).TotalHours;
        }
        """;

    [Fact]
    public void SyncTest_Run_and_Explore_of_a_goroutine_method_run_its_twin_as_the_bubbles_root()
    {
        string interceptors = GeneratorHarness.Generate(GeneratorHarness.Compile(Source)).Result.Results.Single()
            .GeneratedSources.Single(s => s.HintName.StartsWith("GoSharp.Interceptors", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains(".RunBubble(goroutine, seed);", interceptors, StringComparison.Ordinal);
        Assert.Contains(".ExploreBubbles(() =>", interceptors, StringComparison.Ordinal);

        Assembly program = GeneratorHarness.Build(Source);
        string result = (string)Bounded.Run(() => GeneratorHarness.Invoke(program, "Program", "Run")!);
        // Two hours of bubble time; Count ran once for Run and once per Explore seed; Explore's seeds are 1..runs.
        Assert.Equal("2 3 1,2,3", result);
    }
}
