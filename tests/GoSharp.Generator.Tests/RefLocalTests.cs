using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GoSharp.Generator.Tests;

/// <summary>
/// GOSH009: a method with a ref or ref struct local and an await point in its twin still gets a
/// twin, so every call to it is rewritten from its signature alone; that twin runs the original
/// body (blocking its thread where it blocks), and the generated code always compiles.
/// </summary>
[Collection(SchedulerBound.Name)]
public class RefLocalTests
{
    [Fact]
    public void A_method_with_a_span_across_a_park_site_gets_a_twin_that_runs_its_original_body()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.Compile("""
            using System;
            using GoSharp;
            namespace Samples;
            public static partial class Workers
            {
                [Goroutine]
                public static void SpanAcross(Chan<int> ch)
                {
                    Span<int> buffer = stackalloc int[4];
                    buffer[0] = ch.Receive();
                    ch.Send(buffer[0]);
                }

                [Goroutine]
                public static int RefAcross(Chan<int> ch, int[] values)
                {
                    ref int slot = ref values[0];
                    slot = ch.Receive();
                    return slot;
                }

                [Goroutine]
                public static int SpanAcrossLoop(int[] values)
                {
                    ReadOnlySpan<int> span = values;
                    int sum = 0;
                    foreach (int x in span)
                    {
                        sum += x;
                    }

                    for (int i = 0; i < span.Length; i++)
                    {
                        sum += span[i];
                    }

                    return sum;
                }

                [Goroutine]
                public static int SpanWithoutParkSite(int value)
                {
                    Span<int> buffer = stackalloc int[1];
                    buffer[0] = value;
                    return buffer[0];
                }

                [Goroutine]
                public static void Caller(Chan<int> ch, int[] values)
                {
                    SpanAcross(ch);
                    ch.Send(RefAcross(ch, values) + SpanAcrossLoop(values) + SpanWithoutParkSite(1));
                    ch.Send(Helper(ch.Receive()));
                }

                private static int Helper(int value)
                {
                    Span<int> buffer = stackalloc int[2];
                    buffer.Fill(value);
                    return buffer[0] + buffer[1];
                }
            }
            """, languageVersion: LanguageVersion.Preview));

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorHarness.Describe(problems));

        string generated = string.Concat(result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        foreach (string method in new[] { "SpanAcross", "RefAcross", "SpanAcrossLoop" })
        {
            Assert.Contains(method + "__Goroutine(", generated);
        }

        // Their twins call the original methods, saying why; the others are rewritten.
        Assert.Equal(3, CountOf(generated, "// Not rewritten (GOSH009: the ref or ref struct local"));
        Assert.Contains("SpanAcross(ch);", generated);
        Assert.Contains("return RefAcross(ch, values);", generated);
        Assert.Contains("return SpanAcrossLoop(values);", generated);
        Assert.DoesNotContain("return SpanWithoutParkSite(value);", generated);

        // The twin of Caller calls every twin, whatever its body.
        Assert.Contains("await global::Samples.Workers.SpanAcross__Goroutine(global::GoSharp.CompilerServices.GoroutineEntry.Call, ch);", generated);
        Assert.Contains("await global::Samples.Workers.RefAcross__Goroutine(global::GoSharp.CompilerServices.GoroutineEntry.Call, ch, values)", generated);
    }

    [Fact]
    public void A_goroutine_calling_a_method_that_is_not_rewritten_runs_it_and_blocks_only_its_thread()
    {
        var program = GeneratorHarness.Build("""
            using GoSharp;
            using static GoSharp.Go;

            public static partial class Program
            {
                public static int Run() => Go.Run(() => Sum(100));

                [Goroutine]
                static int Sum(int n)
                {
                    var ch = new Chan<int>();
                    var results = new Chan<int>();
                    go(() => Doubler(ch, results, n));
                    int total = 0;
                    for (int i = 1; i <= n; i++)
                    {
                        ch.Send(i);
                        total += results.Receive();
                    }

                    return total;
                }

                [Goroutine]
                static void Doubler(Chan<int> ch, Chan<int> results, int n)
                {
                    Span<int> buffer = stackalloc int[1];
                    for (int i = 0; i < n; i++)
                    {
                        buffer[0] = ch.Receive() * 2;
                        results.Send(buffer[0]);
                    }
                }
            }
            """);

        Assert.Equal(100 * 101, Bounded.Run(() => (int)GeneratorHarness.Invoke(program, "Program", "Run")!));
    }

    [Fact]
    public void Before_csharp_13_a_method_with_any_span_local_is_not_rewritten()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.Compile("""
            using System;
            using GoSharp;
            namespace Samples;
            public static partial class Workers
            {
                [Goroutine]
                public static int SpanWithoutParkSite(int value)
                {
                    Span<int> buffer = stackalloc int[1];
                    buffer[0] = value;
                    return buffer[0];
                }

                [Goroutine]
                public static void Caller(Chan<int> ch) => ch.Send(SpanWithoutParkSite(ch.Receive()));
            }
            """, languageVersion: LanguageVersion.CSharp12));

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorHarness.Describe(problems));

        string generated = string.Concat(result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("// Not rewritten (GOSH009", generated);
        Assert.Contains("return SpanWithoutParkSite(value);", generated);
        Assert.Contains("Caller__Goroutine", generated);
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "").Length) / value.Length;
}
