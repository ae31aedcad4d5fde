using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH004: an iterator [Goroutine] method.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH004IteratorMethodAnalyzer : SignatureRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH004";

    /// <summary>Creates the analyzer.</summary>
    public GOSH004IteratorMethodAnalyzer()
        : base(DiagnosticDescriptors.IteratorMethod, RuleId.IteratorMethod)
    {
    }
}
