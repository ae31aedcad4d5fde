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

/// <summary>
/// GOSH020: <c>var c = Tick(d);</c> (or <c>foreach (var t in Tick(d))</c>) becomes
/// <c>var ticker = NewTicker(d); using var _ = Defer(ticker.Stop);</c> and <c>ticker.C</c>. Not
/// offered for a <c>Tick</c> inside a loop: moving it out would change what the loop waits for.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH020TickerLeakCodeFix))]
[Shared]
public sealed class GOSH020TickerLeakCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH020TickerLeakCodeFix()
        : base(GOSH020TickerLeakAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        StatementSyntax? statement = node.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax local } } } => local,
            ForEachStatementSyntax forEach when forEach.Expression == node => forEach,
            _ => null,
        };
        if (node is not InvocationExpressionSyntax tick || statement is null || statement.Parent is not (BlockSyntax or SwitchSectionSyntax)
            || statement.Ancestors().TakeWhile(a => a is not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax))
        {
            yield break;
        }

        yield return new Fix("Use NewTicker and stop it when the scope ends", "", (root, call, model, token) =>
        {
            string ticker = GoSyntax.FreshName(model, statement.Parent!, statement.SpanStart, "ticker");
            StatementSyntax create = LocalDeclarationStatement(VariableDeclaration(
                IdentifierName("var"),
                SingletonSeparatedList(VariableDeclarator(ticker).WithInitializer(EqualsValueClause(
                    InvocationExpression(GoSyntax.GoMember(model, statement.SpanStart, "NewTicker"), tick.ArgumentList.WithoutTrivia()))))));
            StatementSyntax stop = GoSyntax.DeferStatement(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(ticker), IdentifierName("Stop")),
                model, statement.Parent!, statement.SpanStart);
            SyntaxNode tracked = root.TrackNodes(statement, tick);
            tracked = tracked.ReplaceNode(
                tracked.GetCurrentNode(tick)!,
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(ticker), IdentifierName("C")).WithTriviaFrom(tick));
            return GoSyntax.InsertBeside(tracked, tracked.GetCurrentNode(statement)!, new[] { create, stop });
        });
    }
}
