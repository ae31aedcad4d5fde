using System.Text;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GoSharp.Generator.Tests;

/// <summary>An edit that does not touch goroutine code must rerun nothing: every tracked step is Cached or Unchanged.</summary>
public class IncrementalityTests
{
    private const string Goroutines = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main() => Go.Run(() => Work(3, new Chan<int>(1)));

            [Goroutine]
            static void Work(int n, Chan<int> ch)
            {
                for (int i = 0; i < n; i++)
                {
                    go(() => Step(i, ch));
                    ch.Receive();
                }
            }

            [Goroutine]
            static void Step(int i, Chan<int> ch) => ch.Send(i);
        }
        """;

    private static readonly string[] Steps =
    [
        GoroutineGenerator.Steps.Methods,
        GoroutineGenerator.Steps.GoCalls,
        GoroutineGenerator.Steps.InterceptorsEnabled,
        GoroutineGenerator.Steps.Interceptors,
    ];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        CSharpCompilation first = GeneratorHarness.Compile(
            [(Goroutines, "Program.cs"), ("public static class Unrelated { public static int Value => 1; }", "Unrelated.cs")]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        GeneratorRunResult initial = driver.GetRunResult().Results.Single();
        Assert.Equal(3, initial.GeneratedSources.Length); // two twins and the interceptors
        foreach (string step in Steps)
        {
            Assert.True(initial.TrackedSteps.ContainsKey(step), "step " + step + " is not tracked");
        }

        // Edit another file (a new member) and add a file: the goroutine code is untouched.
        SyntaxTree unrelated = first.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        SyntaxTree edited = unrelated.WithChangedText(SourceText.From(
            "public static class Unrelated { public static int Value => 2; public static string Name => \"x\"; }", Encoding.UTF8));
        CSharpCompilation second = first
            .ReplaceSyntaxTree(unrelated, edited)
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(SourceText.From("public record Added(int X);", Encoding.UTF8), GeneratorHarness.ParseOptions(), "Added.cs"));

        driver = driver.RunGenerators(second);
        GeneratorRunResult rerun = driver.GetRunResult().Results.Single();
        foreach (string step in Steps)
        {
            foreach (IncrementalGeneratorRunStep run in rerun.TrackedSteps[step])
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {step} reran with reason {reason}");
                }
            }
        }

        foreach ((object _, IncrementalStepRunReason reason) in rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "an output was regenerated: " + reason);
        }
    }

    [Fact]
    public void Editing_a_goroutine_method_regenerates_its_twin()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Goroutines);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        SyntaxTree tree = first.SyntaxTrees.First();
        SyntaxTree edited = tree.WithChangedText(SourceText.From(Goroutines.Replace("ch.Send(i)", "ch.Send(i + 1)"), Encoding.UTF8));
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, edited));
        GeneratorRunResult rerun = driver.GetRunResult().Results.Single();
        Assert.Contains(
            rerun.TrackedSteps[GoroutineGenerator.Steps.Methods].SelectMany(s => s.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("SendAsync(i + 1)", rerun.GeneratedSources.Single(s => s.HintName.Contains(".Step.")).SourceText.ToString());
    }
}
