using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH005: a [Goroutine] method returning by reference, or a ref struct or pointer.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH005UnsupportedReturnTypeAnalyzer : SignatureRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH005";

    /// <summary>Creates the analyzer.</summary>
    public GOSH005UnsupportedReturnTypeAnalyzer()
        : base(DiagnosticDescriptors.UnsupportedReturnType, RuleId.UnsupportedReturnType)
    {
    }
}
