using System.Collections.Generic;
using System.Composition;
using System.Linq;
using GoSharp.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>GOSH019: <c>Defer(mu.Lock)</c> right after <c>mu.Lock()</c> becomes <c>Defer(mu.Unlock)</c> (the other two mistakes have no safe fix).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH019MutexMisuseCodeFix))]
[Shared]
public sealed class GOSH019MutexMisuseCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH019MutexMisuseCodeFix()
        : base(GOSH019MutexMisuseAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(GOSH019MutexMisuseAnalyzer.DeferredLockProperty, out string? unlock) || unlock is null)
        {
            yield break;
        }

        yield return new Fix("Defer " + unlock + " instead", "", (root, deferred, model, token) =>
            deferred is MemberAccessExpressionSyntax member
                ? root.ReplaceNode(member.Name, IdentifierName(unlock).WithTriviaFrom(member.Name))
                : null);
    }
}
