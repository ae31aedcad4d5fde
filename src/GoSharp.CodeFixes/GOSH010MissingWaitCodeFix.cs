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

/// <summary>GOSH010: inserts <c>wg.Wait();</c> before each return of the function, and at its end when the end is reachable.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH010MissingWaitCodeFix))]
[Shared]
public sealed class GOSH010MissingWaitCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH010MissingWaitCodeFix()
        : base(GOSH010MissingWaitAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        yield return new Fix("Wait for the goroutines before returning", "", (root, count, model, token) =>
        {
            if (count is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                || count.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax) is not SyntaxNode function
                || function.ChildNodes().OfType<BlockSyntax>().FirstOrDefault() is not BlockSyntax body)
            {
                return null;
            }

            var returns = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<ReturnStatementSyntax>()
                .Where(r => r.SpanStart > count.SpanStart)
                .ToList();
            ControlFlowAnalysis? flow = body.Statements.Count > 0 ? model.AnalyzeControlFlow(body.Statements.First(), body.Statements.Last()) : null;
            bool atEnd = flow is null || (flow.Succeeded && flow.EndPointIsReachable);

            SyntaxNode tracked = root.TrackNodes(returns.Cast<SyntaxNode>().Concat(new[] { body }));
            return GoSyntax.InsertBeforeExits(tracked, body, returns, atEnd, () => GoSyntax.CallStatement(member.Expression, "Wait"));
        });
    }
}
