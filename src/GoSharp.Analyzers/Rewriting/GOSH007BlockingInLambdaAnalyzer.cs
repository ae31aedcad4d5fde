using GoSharp.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH007: a blocking operation inside a lambda or local function (other than a go statement's lambda) in a [Goroutine] method.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH007BlockingInLambdaAnalyzer : BodyRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH007";

    /// <summary>Creates the analyzer.</summary>
    public GOSH007BlockingInLambdaAnalyzer()
        : base(DiagnosticDescriptors.BlockingInsideLambda, RuleId.BlockingInsideLambda)
    {
    }
}
