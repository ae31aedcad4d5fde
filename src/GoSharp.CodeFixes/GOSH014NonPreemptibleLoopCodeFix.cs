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
/// GOSH014: marks the method <c>[Goroutine]</c> (when its type is partial and its signature allows
/// a twin), so that its loops get preemption checkpoints in goroutine code; or calls
/// <c>Gosched()</c> at the top of the loop body.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH014NonPreemptibleLoopCodeFix))]
[Shared]
public sealed class GOSH014NonPreemptibleLoopCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH014NonPreemptibleLoopCodeFix()
        : base(GOSH014NonPreemptibleLoopAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(GOSH014NonPreemptibleLoopAnalyzer.CanBeGoroutineProperty))
        {
            yield return new Fix("Mark the method [Goroutine]", ".Goroutine", (root, loop, model, token) =>
            {
                if (loop.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not MethodDeclarationSyntax method)
                {
                    return null;
                }

                AttributeListSyntax attribute = AttributeList(SingletonSeparatedList(Attribute(GoSyntax.GoSharpName("Goroutine"))))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(method, method.WithAttributeLists(method.AttributeLists.Add(attribute)));
            });
        }

        yield return new Fix("Call Gosched() in the loop", ".Gosched", (root, loop, model, token) =>
        {
            StatementSyntax? body = loop switch
            {
                ForStatementSyntax f => f.Statement,
                WhileStatementSyntax w => w.Statement,
                DoStatementSyntax d => d.Statement,
                CommonForEachStatementSyntax f => f.Statement,
                _ => null,
            };
            if (body is null)
            {
                return null;
            }

            StatementSyntax gosched = ExpressionStatement(InvocationExpression(GoSyntax.GoMember(model, body.SpanStart, "Gosched")));
            BlockSyntax block = body is BlockSyntax existing
                ? existing.WithStatements(existing.Statements.Insert(0, gosched))
                : Block(gosched, body.WithoutTrivia()).WithTriviaFrom(body);
            return root.ReplaceNode(body, block.WithAdditionalAnnotations(Formatter.Annotation));
        });
    }
}
