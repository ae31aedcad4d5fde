using System.Reflection;
using GoSharp.Analyzers.Usage;
using GoSharp.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Tests;

/// <summary>
/// Every GoSharp diagnostic is documented where its help link points, is in the release notes
/// and the docs index, and has a code fix exactly when its page has a "Code fix" section.
/// </summary>
public class DescriptorTests
{
    private static readonly string RepositoryRoot = Metadata("RepositoryRoot");

    private static readonly string RepositoryUrl = Metadata("GoSharpRepositoryUrl");

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in Descriptors())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Ids_are_unique_and_run_from_GOSH001_without_gaps()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(n => $"GOSH{n:000}"), ids.Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_docs_page_a_release_row_an_index_row_and_a_help_link_to_the_page(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors().Single(d => d.Id == id);
        string page = Path.Combine(RepositoryRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"**Severity:** {descriptor.DefaultSeverity}", File.ReadAllText(page), StringComparison.Ordinal);

        Assert.Equal($"{RepositoryUrl}/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.StartsWith("https://", RepositoryUrl, StringComparison.Ordinal);

        string releases = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "GoSharp.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);

        string index = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "diagnostics", "README.md"));
        Assert.Contains($"| [{id}]({id}.md) | {descriptor.DefaultSeverity} |", index, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_code_fix_exactly_when_its_page_describes_one(string id)
    {
        bool documented = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "diagnostics", id + ".md")).Contains("\n## Code fix\n", StringComparison.Ordinal);
        bool fixable = CodeFixes().Any(fix => fix.FixableDiagnosticIds.Contains(id));
        Assert.True(documented == fixable, documented ? $"{id}.md describes a code fix that GoSharp.CodeFixes lacks" : $"{id} has a code fix that {id}.md does not describe");
    }

    [Fact]
    public void Every_code_fix_is_exported_for_the_IDE_and_dotnet_format()
    {
        foreach (Type type in typeof(GoSharpCodeFix).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)))
        {
            Assert.NotNull(type.GetCustomAttribute<ExportCodeFixProviderAttribute>());
            Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
        }
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(UsageAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    private static IEnumerable<CodeFixProvider> CodeFixes() =>
        typeof(GoSharpCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    private static string Metadata(string key) =>
        typeof(DescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
