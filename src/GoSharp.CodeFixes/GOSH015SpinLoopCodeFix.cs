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
/// GOSH015: an empty spinning body gets <c>Gosched()</c>; a polling <c>Select</c> loses its
/// <c>Default</c> case (when it is the last case) and the idle section, so that it parks.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH015SpinLoopCodeFix))]
[Shared]
public sealed class GOSH015SpinLoopCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH015SpinLoopCodeFix()
        : base(GOSH015SpinLoopAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        // One equivalence key for both: the diagnostic decides which applies, so Fix All applies each.
        diagnostic.Properties.TryGetValue(GOSH015SpinLoopAnalyzer.FixProperty, out string? fix);
        if (fix == GOSH015SpinLoopAnalyzer.GoschedFix)
        {
            yield return new Fix("Call Gosched() in the loop", "", (root, loop, model, token) =>
                Body(loop) is StatementSyntax body
                    ? root.ReplaceNode(body, Block(ExpressionStatement(InvocationExpression(GoSyntax.GoMember(model, body.SpanStart, "Gosched")))).WithTriviaFrom(body).WithAdditionalAnnotations(Formatter.Annotation))
                    : null);
        }
        else if (fix == GOSH015SpinLoopAnalyzer.DropDefaultFix)
        {
            yield return new Fix("Drop the Default case so that Select parks", "", (root, loop, model, token) => DropDefault(root, loop));
        }
    }

    private static StatementSyntax? Body(SyntaxNode loop) => loop switch
    {
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        ForStatementSyntax f => f.Statement,
        _ => null,
    };

    private static SyntaxNode? DropDefault(SyntaxNode root, SyntaxNode loop)
    {
        if (Body(loop) is not StatementSyntax body
            || GOSH015SpinLoopAnalyzer.SelectSwitch(body) is not SwitchStatementSyntax select
            || select.Expression is not InvocationExpressionSyntax call
            || call.ArgumentList.Arguments.Count < 2
            || call.ArgumentList.Arguments.Last().Expression is not (IdentifierNameSyntax { Identifier.ValueText: "Default" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Default" }))
        {
            return null;
        }

        int index = call.ArgumentList.Arguments.Count - 1;
        SwitchSectionSyntax? idle = GOSH015SpinLoopAnalyzer.DefaultSection(select, index);
        ArgumentListSyntax arguments = call.ArgumentList.WithArguments(call.ArgumentList.Arguments.RemoveAt(index));
        SwitchStatementSyntax fixedSelect = select.WithExpression(call.WithArgumentList(arguments));
        if (idle is not null)
        {
            fixedSelect = fixedSelect.WithSections(fixedSelect.Sections.RemoveAt(select.Sections.IndexOf(idle)));
        }

        return root.ReplaceNode(select, fixedSelect.WithAdditionalAnnotations(Formatter.Annotation));
    }
}
