using GoSharp.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH006: a blocking operation inside lock, unsafe or an exception filter, where the twin cannot await.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH006ParkInLockAnalyzer : BodyRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH006";

    /// <summary>Creates the analyzer.</summary>
    public GOSH006ParkInLockAnalyzer()
        : base(DiagnosticDescriptors.ParkSiteInForbiddenContext, RuleId.ParkSiteInForbiddenContext)
    {
    }
}
