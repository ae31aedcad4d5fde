using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH002: a ref, out, in, scoped, ref struct or pointer parameter on a [Goroutine] method.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH002UnsupportedParameterAnalyzer : SignatureRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH002";

    /// <summary>Creates the analyzer.</summary>
    public GOSH002UnsupportedParameterAnalyzer()
        : base(DiagnosticDescriptors.UnsupportedParameter, RuleId.UnsupportedParameter)
    {
    }
}
