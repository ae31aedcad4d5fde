using System.Reflection;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// <c>Go.RunAsync(() =&gt; F(args))</c> interception for value-returning and void goroutines:
/// arguments evaluated first, exceptions thrown or faulted as documented. Each case runs the
/// original and the twin and expects the same result (<see cref="OriginalVersusTwin"/>).
/// </summary>
[Collection(SchedulerBound.Name)]
public class RunAsyncInterceptionTests
{
    [Fact]
    public void RunAsync_of_value_returning_goroutines_is_intercepted_and_evaluates_arguments_first()
    {
        string source = """
            using GoSharp;
            using static GoSharp.Go;

            public partial class Program
            {
                private readonly int _offset;

                private Program(int offset) => _offset = offset;

                public static string Run(int n)
                {
                    int evaluated = 0;
                    Task<long> sum = Go.RunAsync(() => Sum(Count(ref evaluated, n)));
                    Task<string> text = Go.RunAsync(() => new Program(n).Describe<int>(n));
                    Task<int> generic = Go.RunAsync(() => Identity(n + 1));
                    Task done = Go.RunAsync(() => Nothing(n));
                    done.GetAwaiter().GetResult();
                    return sum.GetAwaiter().GetResult() + "," + text.GetAwaiter().GetResult() + "," + generic.GetAwaiter().GetResult() + "," + evaluated;
                }

                public static string Faulted(int n)
                {
                    Task<long> task;
                    try
                    {
                        task = Go.RunAsync(() => Sum(Boom(n)));
                    }
                    catch (Exception e)
                    {
                        return "threw " + e.GetType().Name;
                    }

                    try
                    {
                        return "returned " + task.GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        return "faulted " + e.GetType().Name;
                    }
                }

                static int Count(ref int evaluated, int n)
                {
                    evaluated++;
                    return n;
                }

                static int Boom(int n) => throw new InvalidOperationException("boom " + n);

                [Goroutine]
                static long Sum(int n)
                {
                    var ch = new Chan<int>();
                    go(() => { for (int i = 1; i <= n; i++) ch.Send(i); ch.Close(); });
                    long s = 0;
                    foreach (int v in ch) s += v;
                    return s;
                }

                [Goroutine]
                string Describe<T>(T value)
                {
                    var ch = new Chan<string>(1);
                    ch.Send(value + "+" + _offset);
                    return ch.Receive();
                }

                [Goroutine]
                static T Identity<T>(T value)
                {
                    Gosched();
                    return value;
                }

                [Goroutine]
                static void Nothing(int n)
                {
                    Sleep(TimeSpan.FromMilliseconds(n % 2));
                }
            }
            """;
        Assembly program = Build(source);

        Assert.Equal("55,10+10,11,1", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Run", 10)!));
        Assert.Equal("faulted InvalidOperationException", Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Faulted", 3)!));
        string interceptors = GeneratedSources(source).Single(s => s.HintName.Contains("Interceptors")).SourceText.ToString();
        Assert.Equal(10, CountOf(interceptors, "InterceptsLocation(1, "));
        Assert.Contains("RunAsync4(", interceptors);
    }
}
