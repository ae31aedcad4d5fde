using System.Reflection;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Functions given to <c>WaitGroup.Go</c>, <c>ErrGroup.Go</c>, <c>AfterFunc</c>, <c>Once.Do</c> and any
/// parameter marked <c>[GoroutineCode]</c> are goroutine code inside <c>[Goroutine]</c> methods, as in
/// Go: their blocking operations park instead of holding a thread.
/// </summary>
[Collection(SchedulerBound.Name)]
public class GoroutineCodeLambdaTests
{
    [Fact]
    public void Goroutines_started_by_WaitGroup_Go_and_ErrGroup_Go_park_instead_of_holding_threads()
    {
        Assembly program = GeneratorHarness.Build("""
            using GoSharp;
            using static GoSharp.Go;

            public static partial class Program
            {
                public static string Run(int n) => Go.Run(() => Fan(n));

                [Goroutine]
                static string Fan(int n)
                {
                    var start = new Chan<bool>();
                    var results = new Chan<int>(2 * n);
                    var wg = new WaitGroup();
                    var group = new ErrGroup();
                    for (int i = 0; i < n; i++)
                    {
                        int id = i;
                        wg.Go(() =>
                        {
                            start.Receive();                 // parks until the start is closed
                            results.Send(id);
                        });
                        group.Go(() =>
                        {
                            start.Receive();
                            if (id == 7) throw new InvalidOperationException("job 7");
                            results.Send(-id);
                        });
                    }

                    int threads = Go.ReadSchedulerStats().Threads;  // every goroutine is parked on start by now or soon
                    start.Close();
                    wg.Wait();
                    Exception? error = group.Wait();
                    results.Close();
                    long sum = 0;
                    int count = 0;
                    foreach (int r in results) { sum += r; count++; }
                    return count + " " + sum + " " + error?.Message + " " + threads;
                }
            }
            """);

        const int N = 1000;
        string[] result = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run", N)!).Split(' ');
        Assert.Equal(2 * N - 1, int.Parse(result[0]));
        Assert.Equal(7L, long.Parse(result[1]));    // sum of ids minus sum of ids but 7
        Assert.Equal("job 7", result[2] + " " + result[3]);
        Assert.True(int.Parse(result[4]) <= 4 * Environment.ProcessorCount + 8, $"{result[4]} scheduler threads for {2 * N} goroutines");
    }

    [Fact]
    public void ErrGroup_with_a_limit_Once_Do_and_AfterFunc_run_their_functions_as_goroutine_code()
    {
        Assembly program = GeneratorHarness.Build("""
            using GoSharp;
            using static GoSharp.Go;

            public static partial class Program
            {
                public static string Run(int n) => Go.Run(() => Main(n));

                [Goroutine]
                static string Main(int n)
                {
                    // At most 2 jobs at once; the third Go parks until one finishes.
                    var group = new ErrGroup();
                    group.SetLimit(2);
                    var done = new Chan<int>(n);
                    for (int i = 0; i < n; i++)
                    {
                        int id = i;
                        group.Go(() => { Sleep(TimeSpan.FromMilliseconds(1)); done.Send(id); });
                    }

                    group.Wait();

                    // Once.Do runs its function in the caller's goroutine, exactly once; it may park.
                    var once = new Once();
                    int calls = 0;
                    var wg = new WaitGroup();
                    for (int i = 0; i < 10; i++)
                    {
                        wg.Go(() => once.Do(() => { Sleep(TimeSpan.FromMilliseconds(1)); calls++; }));
                    }

                    wg.Wait();

                    // AfterFunc's function runs in its own goroutine.
                    var fired = new Chan<string>();
                    AfterFunc(TimeSpan.FromMilliseconds(1), () => fired.Send("fired"));
                    return done.Len + " " + calls + " " + fired.Receive();
                }
            }
            """);

        Assert.Equal("5 1 fired", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run", 5)!));
    }

    [Fact]
    public void A_user_library_opts_in_with_GoroutineCode_and_an_async_overload()
    {
        string source = """
            using GoSharp;
            using GoSharp.CompilerServices;
            using static GoSharp.Go;

            public static class Pool
            {
                public static void Submit([GoroutineCode] Action job) => go(job);

                public static void Submit([GoroutineCode] Func<GoTask> job) => go(job);

                public static void Detached([GoroutineCode] Action job) => go(job);   // no async overload: stays synchronous
            }

            public static partial class Program
            {
                public static int Run() => Go.Run(() => Main());

                [Goroutine]
                static int Main()
                {
                    var ch = new Chan<int>();
                    Pool.Submit(() => ch.Send(42));
                    return ch.Receive();
                }

                [Goroutine]
                static void Unrewritten(Chan<int> ch) => Pool.Detached(() => ch.Send(1));
            }
            """;
        Assembly program = GeneratorHarness.Build(source);
        Assert.Equal(42, Bounded.Run(() => (int)GeneratorHarness.Invoke(program, "Program", "Run")!));

        string twins = string.Concat(GeneratorHarness.Generate(GeneratorHarness.Compile(source)).Result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("Pool.Submit(async () => {", twins);
        Assert.Contains("Pool.Detached(() => ch.Send(1))", twins);
    }
}
