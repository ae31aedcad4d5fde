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

/// <summary>GOSH018: <c>using var _ = Defer(cancel);</c> right after the context is made (a discarded cancel gets a name first).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH018LostCancelCodeFix))]
[Shared]
public sealed class GOSH018LostCancelCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH018LostCancelCodeFix()
        : base(GOSH018LostCancelAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        yield return new Fix("Defer the cancel", "", (root, cancel, model, token) =>
        {
            if (cancel.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Parent: BlockSyntax or SwitchSectionSyntax } statement)
            {
                return null;
            }

            string name;
            SyntaxNode tracked = root.TrackNodes(statement, cancel);
            switch (cancel)
            {
                case SingleVariableDesignationSyntax single:
                    name = single.Identifier.ValueText;
                    break;
                case DiscardDesignationSyntax discard:
                    name = GoSyntax.FreshName(model, statement.Parent!, statement.SpanStart, "cancel");
                    tracked = tracked.ReplaceNode(tracked.GetCurrentNode(discard)!, SingleVariableDesignation(Identifier(name)).WithTriviaFrom(discard));
                    break;
                case IdentifierNameSyntax { Identifier.ValueText: not "_" } existing:
                    name = existing.Identifier.ValueText;
                    break;
                default:
                    return null;
            }

            StatementSyntax current = tracked.GetCurrentNode(statement)!;
            LocalDeclarationStatementSyntax defer = GoSyntax.DeferStatement(IdentifierName(name), model, statement.Parent!, statement.Span.End);
            return GoSyntax.InsertBeside(tracked, current, new[] { defer }, after: true);
        });
    }
}
