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

/// <summary>GOSH017: copies the loop variable to a local before the goroutine starts, and makes the goroutine read the copy.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH017LoopVariableCaptureCodeFix))]
[Shared]
public sealed class GOSH017LoopVariableCaptureCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH017LoopVariableCaptureCodeFix()
        : base(GOSH017LoopVariableCaptureAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        yield return new Fix("Copy the loop variable for the goroutine", "", (root, use, model, token) =>
        {
            if (model.GetSymbolInfo(use, token).Symbol is not ILocalSymbol variable
                || use.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax start } } } lambda
                || GoSyntax.EnclosingStatement(start) is not StatementSyntax startStatement
                || start.FirstAncestorOrSelf<ForStatementSyntax>() is not ForStatementSyntax loop)
            {
                return null;
            }

            string copy = GoSyntax.FreshName(model, loop, startStatement.SpanStart, variable.Name + "Copy");
            var uses = lambda.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == variable.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, token).Symbol, variable))
                .ToList();
            StatementSyntax declaration = LocalDeclarationStatement(VariableDeclaration(
                IdentifierName("var"),
                SingletonSeparatedList(VariableDeclarator(copy).WithInitializer(EqualsValueClause(IdentifierName(variable.Name))))));
            SyntaxNode tracked = root.TrackNodes(uses.Cast<SyntaxNode>().Concat(new[] { startStatement }));
            tracked = tracked.ReplaceNodes(uses.Select(u => tracked.GetCurrentNode(u)!), (old, _) => IdentifierName(copy).WithTriviaFrom(old));
            return GoSyntax.InsertBeside(tracked, tracked.GetCurrentNode(startStatement)!, new[] { declaration });
        });
    }
}
