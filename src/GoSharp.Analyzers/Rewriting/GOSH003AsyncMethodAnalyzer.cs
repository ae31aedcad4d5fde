using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH003: an async [Goroutine] method.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH003AsyncMethodAnalyzer : SignatureRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH003";

    /// <summary>Creates the analyzer.</summary>
    public GOSH003AsyncMethodAnalyzer()
        : base(DiagnosticDescriptors.AsyncMethod, RuleId.AsyncMethod)
    {
    }
}
