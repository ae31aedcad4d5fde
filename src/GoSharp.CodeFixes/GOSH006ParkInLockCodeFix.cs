using System.Collections.Generic;
using System.Composition;
using GoSharp.Analyzers.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.CodeFixes;

/// <summary>
/// GOSH006, for a park site inside <c>lock (_gate)</c>: turns the lock object into a GoSharp
/// <c>Mutex</c> and every <c>lock (_gate) { body }</c> of the document into
/// <c>_gate.Lock(); using var _ = Defer(_gate.Unlock); body</c> (see <see cref="MutexConversion"/>,
/// which says where that is safe). A goroutine that waits for the Mutex parks, and the body may
/// then park too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH006ParkInLockCodeFix))]
[Shared]
public sealed class GOSH006ParkInLockCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH006ParkInLockCodeFix()
        : base(GoroutineBodyAnalyzer.ParkInForbiddenContextId)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        if (node.FirstAncestorOrSelf<LockStatementSyntax>() is null)
        {
            yield break;
        }

        yield return new Fix("Use a GoSharp Mutex instead of lock", "", (root, parkSite, model, token) =>
            parkSite.FirstAncestorOrSelf<LockStatementSyntax>() is LockStatementSyntax lockStatement
                ? MutexConversion.Convert(root, lockStatement.Expression, model, token)
                : null);
    }
}
