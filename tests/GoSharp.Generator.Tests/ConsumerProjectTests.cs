using System.Reflection;
using GoSharp.Generator.Consumer;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

/// <summary>
/// tests/GoSharp.Generator.Consumer is built by the real compiler with the generator as an
/// analyzer reference and the interceptor opt-in from buildTransitive/GoSharp.Goroutines.targets.
/// </summary>
[Collection(SchedulerBound.Name)]
public class ConsumerProjectTests
{
    [Fact]
    public void The_consumer_has_twins_for_its_goroutine_methods()
    {
        foreach (string name in new[] { "FanOutMain__Goroutine", "Square__Goroutine", "Collector__Goroutine", "FanOutInto__Goroutine" })
        {
            MethodInfo? twin = typeof(Pipelines).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static);
            Assert.NotNull(twin);
            Assert.Equal(typeof(GoSharp.CompilerServices.GoroutineEntry), twin!.GetParameters()[0].ParameterType);
        }
    }

    [Fact]
    public void Intercepted_Go_Run_runs_ten_thousand_parked_goroutines_on_few_threads()
    {
        int threadsBefore = Go.ReadSchedulerStats().Threads;
        long sum = Bounded.Run(() => Pipelines.FanOut(10_000));
        Assert.Equal(Enumerable.Range(1, 10_000).Sum(i => (long)i * i), sum);
        int created = Go.ReadSchedulerStats().Threads - threadsBefore;
        Assert.True(created <= 4 * Environment.ProcessorCount + 8, $"{created} threads: the go calls were not intercepted");
    }

    [Fact]
    public void Intercepted_Go_RunAsync_completes_its_task()
    {
        Task<long> run = Pipelines.FanOutAsync(100);
        Assert.True(run.Wait(Bounded.Scenario));
        Assert.Equal(Enumerable.Range(1, 100).Sum(i => (long)i * i), run.Result);
    }

    [Fact]
    public void Intercepted_Go_RunAsync_of_a_value_runs_parked_goroutines_on_few_threads()
    {
        int threadsBefore = Go.ReadSchedulerStats().Threads;
        Task<long> run = Pipelines.FanOutValueAsync(10_000);
        Assert.True(run.Wait(Bounded.Scenario));
        Assert.Equal(Enumerable.Range(1, 10_000).Sum(i => (long)i * i), run.Result);
        int created = Go.ReadSchedulerStats().Threads - threadsBefore;
        Assert.True(created <= 4 * Environment.ProcessorCount + 8, $"{created} threads: the RunAsync call was not intercepted");
    }

    [Fact]
    public void Select_range_and_block_goroutines_work_in_a_real_build()
    {
        List<string> seen = Bounded.Run(() => Pipelines.SelectAndRange(5));
        Assert.Equal(["n0", "n1", "n2", "n3", "n4", "a", "b"], seen);
    }
}
