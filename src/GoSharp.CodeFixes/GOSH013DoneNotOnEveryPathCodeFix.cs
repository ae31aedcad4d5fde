using System.Collections.Generic;
using System.Composition;
using System.Linq;
using GoSharp.Analyzers.Analysis;
using GoSharp.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>
/// GOSH013: replaces the goroutine's <c>wg.Done();</c> statements with one
/// <c>using var _ = Defer(wg.Done);</c> at the top of its body. Not offered when one of them is
/// the whole body of an <c>if</c> or a loop (removing it would need a judgement about the branch).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH013DoneNotOnEveryPathCodeFix))]
[Shared]
public sealed class GOSH013DoneNotOnEveryPathCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH013DoneNotOnEveryPathCodeFix()
        : base(GOSH013DoneNotOnEveryPathAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        yield return new Fix("Defer Done at the top of the goroutine", "", (root, done, model, token) =>
        {
            if (done is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member, Parent: ExpressionStatementSyntax }
                || model.GetSymbolInfo(member.Expression, token).Symbol is not ISymbol waitGroup
                || Functions.Enclosing(done) is not SyntaxNode function
                || Functions.BodyOf(function) is not BlockSyntax body)
            {
                return null;
            }

            var statements = Functions.OwnNodes(function).OfType<ExpressionStatementSyntax>()
                .Where(s => s.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Done" } other }
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(other.Expression, token).Symbol, waitGroup))
                .ToList();
            if (statements.Any(s => s.Parent is not (BlockSyntax or SwitchSectionSyntax)))
            {
                return null;
            }

            LocalDeclarationStatementSyntax defer = GoSyntax.DeferStatement(member.WithoutTrivia(), model, body, body.OpenBraceToken.Span.End);
            SyntaxNode tracked = root.TrackNodes(statements.Cast<SyntaxNode>().Concat(new[] { body }));
            tracked = tracked.RemoveNodes(statements.Select(s => tracked.GetCurrentNode(s)!), SyntaxRemoveOptions.KeepNoTrivia)!;
            BlockSyntax current = tracked.GetCurrentNode(body)!;
            return tracked.ReplaceNode(current, current.WithStatements(current.Statements.Insert(0, defer)));
        });
    }
}
