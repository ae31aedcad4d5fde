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

/// <summary>GOSH012: moves <c>wg.Add(n);</c> out of the goroutine, to just before the statement that starts it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH012AddInsideGoroutineCodeFix))]
[Shared]
public sealed class GOSH012AddInsideGoroutineCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH012AddInsideGoroutineCodeFix()
        : base(GOSH012AddInsideGoroutineAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Go" } })
        {
            yield break; // wg.Go first in a goroutine: moving it out would start its goroutine earlier
        }

        yield return new Fix("Call Add before starting the goroutine", "", (root, add, model, token) =>
        {
            if (add.Parent is not ExpressionStatementSyntax addStatement
                || addStatement.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax start } } }
                || GoSyntax.EnclosingStatement(start) is not StatementSyntax startStatement)
            {
                return null;
            }

            SyntaxNode tracked = root.TrackNodes(addStatement, startStatement);
            tracked = tracked.RemoveNode(tracked.GetCurrentNode(addStatement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            return GoSyntax.InsertBeside(tracked, tracked.GetCurrentNode(startStatement)!, new[] { addStatement.WithoutTrivia() });
        });
    }
}
