using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GoSharp.Generator.Tests;

/// <summary>
/// GOSH009: a method with a ref or ref struct local and an await point in its twin gets no twin,
/// calls to it stay ordinary calls, and the generated code always compiles.
/// </summary>
public class RefLocalTests
{
    [Fact]
    public void A_method_with_a_span_across_a_park_site_gets_no_twin_and_its_callers_still_compile()
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
        Assert.DoesNotContain("SpanAcross__Goroutine", generated);
        Assert.DoesNotContain("RefAcross__Goroutine", generated);
        Assert.DoesNotContain("SpanAcrossLoop__Goroutine", generated);
        Assert.Contains("SpanWithoutParkSite__Goroutine", generated);
        Assert.Contains("Caller__Goroutine", generated);

        // The twin of Caller calls the skipped methods as ordinary (blocking) calls.
        Assert.Contains("SpanAcross(ch);", generated);
        Assert.Contains("RefAcross(ch, values)", generated);
        Assert.Contains("SpanAcrossLoop(values)", generated);
    }

    [Fact]
    public void Before_csharp_13_a_method_with_any_span_local_gets_no_twin()
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
        Assert.DoesNotContain("SpanWithoutParkSite__Goroutine", generated);
        Assert.Contains("Caller__Goroutine", generated);
    }
}
