using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Tests;

/// <summary>Twins are found in referenced assemblies by name and shape.</summary>
public class CrossAssemblyTests
{
    [Fact]
    public void A_goroutine_method_from_a_referenced_assembly_is_called_through_its_twin()
    {
        (Compilation library, _) = GeneratorHarness.Generate(GeneratorHarness.Compile("""
            using GoSharp;
            namespace Lib;
            public static partial class Workers
            {
                [Goroutine]
                public static int Take(Chan<int> ch) => ch.Receive();

                [Goroutine]
                public static int NoTwinHere(Chan<int> ch) => ch.Receive();
            }
            """, assemblyName: "Lib"));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        // The same library compiled without the generator: its methods have no twins.
        var bare = GeneratorHarness.Compile("""
            using GoSharp;
            namespace Bare;
            public static class Workers
            {
                [Goroutine]
                public static int Take(Chan<int> ch) => ch.Receive();
            }
            """, assemblyName: "Bare");
        using var bareImage = new MemoryStream();
        Assert.True(bare.Emit(bareImage).Success);

        var user = GeneratorHarness.Compile("""
            using GoSharp;
            public static partial class Program
            {
                [Goroutine]
                static int Use(Chan<int> ch) => Lib.Workers.Take(ch) + Bare.Workers.Take(ch);
            }
            """).AddReferences(
                MetadataReference.CreateFromImage(image.ToArray()),
                MetadataReference.CreateFromImage(bareImage.ToArray()));

        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(user);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string twin = result.GeneratedTrees.Single().ToString();
        Assert.Contains("await global::Lib.Workers.Take__Goroutine(global::GoSharp.CompilerServices.GoroutineEntry.Call, ch)", twin);
        Assert.Contains("+ Bare.Workers.Take(ch)", twin);
    }

    [Fact]
    public void A_private_goroutine_method_with_a_private_parameter_type_keeps_its_twin_private()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.Compile("""
            using GoSharp;
            public static partial class Program
            {
                private sealed class Job { public int Id { get; init; } }

                [Goroutine]
                private static void Handle(Job job, Chan<int> done) => done.Send(job.Id);

                [Goroutine]
                private static void Public(Chan<int> done) => done.Send(1);
            }
            """));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string all = string.Join("\n", result.GeneratedTrees.Select(t => t.ToString()));
        Assert.Contains("private static async global::GoSharp.CompilerServices.GoTask Handle__Goroutine", all);
        Assert.Contains("internal static async global::GoSharp.CompilerServices.GoTask Public__Goroutine", all);
    }
}
