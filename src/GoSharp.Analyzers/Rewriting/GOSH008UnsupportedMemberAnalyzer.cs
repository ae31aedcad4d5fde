using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>GOSH008: [Goroutine] on a member that cannot have a twin (virtual, abstract, extern, partial, struct instance method, local function, unsafe code...).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH008UnsupportedMemberAnalyzer : SignatureRuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH008";

    /// <summary>Creates the analyzer.</summary>
    public GOSH008UnsupportedMemberAnalyzer()
        : base(DiagnosticDescriptors.UnsupportedMember, RuleId.UnsupportedMember)
    {
    }
}
