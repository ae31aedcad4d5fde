using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace GoSharp.Analyzers.Tests.Support;

/// <summary>
/// What every test compiles against, as a user's net8.0+ console app with <c>ImplicitUsings</c>
/// does: the .NET 8 reference assemblies (from Basic.Reference.Assemblies, so nothing is
/// downloaded), the GoSharp runtime this repository builds, and the SDK's implicit global usings.
/// </summary>
internal static class TestProject
{
    /// <summary>No package to resolve: the references below are all there is.</summary>
    public static readonly ReferenceAssemblies NoDownload = new("net8.0");

    /// <summary>The SDK's implicit usings for a console app (Microsoft.NET.Sdk).</summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static readonly MetadataReference[] References =
    [
        .. Basic.Reference.Assemblies.Net80.References.All,
        MetadataReference.CreateFromFile(typeof(GoSharp.Go).Assembly.Location),
    ];

    /// <summary>Sets up a test's compilation: references, and the implicit usings beside the test's own source.</summary>
    public static void Configure(SolutionState testState, SolutionState? fixedState = null)
    {
        testState.ReferenceAssemblies = NoDownload;
        testState.AdditionalReferences.AddRange(References);
        testState.Sources.Add(("GlobalUsings.g.cs", ImplicitUsings));
        if (fixedState is not null && fixedState.Sources.Count > 0)
        {
            fixedState.Sources.Add(("GlobalUsings.g.cs", ImplicitUsings));
        }
    }
}
