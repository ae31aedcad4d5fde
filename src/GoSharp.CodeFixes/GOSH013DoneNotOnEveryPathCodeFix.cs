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

/// <summary>GOSH013: replaces <c>wg.Done();</c> with <c>using var _ = Defer(wg.Done);</c> at the top of the goroutine's body.</summary>
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
            if (done is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member, Parent: ExpressionStatementSyntax statement }
                || statement.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax) is not SyntaxNode function
                || function.ChildNodes().OfType<BlockSyntax>().FirstOrDefault() is not BlockSyntax body)
            {
                return null;
            }

            LocalDeclarationStatementSyntax defer = GoSyntax.DeferStatement(member.WithoutTrivia(), model, body, body.OpenBraceToken.Span.End);
            SyntaxNode tracked = root.TrackNodes(statement, body);
            tracked = tracked.RemoveNode(tracked.GetCurrentNode(statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            BlockSyntax current = tracked.GetCurrentNode(body)!;
            return tracked.ReplaceNode(current, current.WithStatements(current.Statements.Insert(0, defer)));
        });
    }
}
