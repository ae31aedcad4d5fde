using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using GoSharp.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace GoSharp.Generator.Tests.Support;

/// <summary>
/// Compiles user code in memory against .NET 8 reference assemblies and the GoSharp runtime,
/// runs the [Goroutine] generator (and optionally analyzers) on it, and loads the result.
/// No network: the reference assemblies come from a NuGet package restored at build time.
/// </summary>
internal static class GeneratorHarness
{
    public const string InterceptorsNamespace = "GoSharp.Generated";

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net80.References.All,
        MetadataReference.CreateFromFile(typeof(Go).Assembly.Location),
    ];

    public static CSharpParseOptions ParseOptions(bool interceptors = true, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var options = new CSharpParseOptions(languageVersion);
        return interceptors
            ? options.WithFeatures([new("InterceptorsNamespaces", InterceptorsNamespace), new("InterceptorsPreviewNamespaces", InterceptorsNamespace)])
            : options;
    }

    public static CSharpCompilation Compile(string source, string path = "Program.cs", bool interceptors = true, string assemblyName = "UserCode", LanguageVersion languageVersion = LanguageVersion.Latest, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) =>
        Compile([(source, path)], interceptors, assemblyName, languageVersion, outputKind);

    public static CSharpCompilation Compile(IEnumerable<(string Source, string Path)> files, bool interceptors = true, string assemblyName = "UserCode", LanguageVersion languageVersion = LanguageVersion.Latest, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        CSharpParseOptions parse = ParseOptions(interceptors, languageVersion);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Source, Encoding.UTF8), parse, f.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(
            "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;", Encoding.UTF8),
            parse,
            "GlobalUsings.cs"));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References,
            new CSharpCompilationOptions(
                outputKind,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                optimizationLevel: OptimizationLevel.Release,
                deterministic: true));
    }

    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new GoroutineGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with the generated files and the generator's own diagnostics.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Generate(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        return (output, driver.GetRunResult());
    }

    /// <summary>Errors and warnings of a compilation, formatted for an assertion message.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    /// <summary>Generates, checks the result compiles without errors or warnings, emits and loads it.</summary>
    public static Assembly Build(string source, bool interceptors = true, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        (Compilation output, _) = Generate(Compile(source, interceptors: interceptors, assemblyName: "UserCode" + Guid.NewGuid().ToString("N"), outputKind: outputKind));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, Describe(problems));
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emit = output.Emit(image, symbols);
        Assert.True(emit.Success, Describe(emit.Diagnostics));
        image.Position = 0;
        symbols.Position = 0;
        var context = new AssemblyLoadContext("UserCode", isCollectible: true);
        return context.LoadFromStream(image, symbols);
    }

    /// <summary>Calls a public static method of a type in a built assembly.</summary>
    public static object? Invoke(Assembly assembly, string type, string method, params object?[] arguments)
    {
        MethodInfo target = assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        try
        {
            return target.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Runs analyzers on a compilation and returns their diagnostics, ordered by position.</summary>
    public static ImmutableArray<Diagnostic> Analyze(CSharpCompilation compilation, params DiagnosticAnalyzer[] analyzers) =>
        compilation.WithAnalyzers([.. analyzers]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
}
