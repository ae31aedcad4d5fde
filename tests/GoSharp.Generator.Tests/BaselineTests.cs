using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Tests;

/// <summary>
/// One input and one checked-in expected output per rewrite rule: Baselines/&lt;Case&gt;.input.cs
/// and Baselines/&lt;Case&gt;.verified.cs (every generated file of the case, concatenated). Each
/// case must also compile without errors or warnings together with its generated code.
/// </summary>
public class BaselineTests
{
    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Baseline.BaselineDirectory, "*.input.cs").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(file)[..^".input.cs".Length]);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_matches_the_baseline_and_compiles(string name)
    {
        string input = File.ReadAllText(Path.Combine(Baseline.BaselineDirectory, name + ".input.cs"));
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.Compile(input, path: name + ".cs"));

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorHarness.Describe(problems));

        var text = new System.Text.StringBuilder();
        foreach (GeneratedSourceResult source in result.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            text.Append("//------ ").Append(source.HintName).Append(" ------\n");
            text.Append(source.SourceText.ToString().Replace("\r\n", "\n"));
            text.Append('\n');
        }

        if (text.Length == 0)
        {
            text.Append("//------ (no generated files) ------\n");
        }

        Baseline.Verify(Path.Combine(Baseline.BaselineDirectory, name + ".verified.cs"), text.ToString());
    }
}
