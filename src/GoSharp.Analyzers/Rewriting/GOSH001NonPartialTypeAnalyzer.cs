using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH001: a [Goroutine] method whose type, or a containing type, is not partial.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH001NonPartialTypeAnalyzer : SignatureRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH001";

    /// <summary>Creates the analyzer.</summary>
    public GOSH001NonPartialTypeAnalyzer()
        : base(DiagnosticDescriptors.NonPartialType, RuleId.NonPartialType)
    {
    }
}
