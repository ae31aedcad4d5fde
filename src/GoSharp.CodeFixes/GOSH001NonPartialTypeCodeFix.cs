using System.Collections.Generic;
using System.Composition;
using System.Linq;
using GoSharp.Analyzers.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>GOSH001: adds <c>partial</c> to the method's type and to every type around it that lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH001NonPartialTypeCodeFix))]
[Shared]
public sealed class GOSH001NonPartialTypeCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH001NonPartialTypeCodeFix()
        : base(GOSH001NonPartialTypeAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        yield return new Fix("Make the type partial", "", (root, method, model, token) =>
        {
            var types = method.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToList();
            return types.Count == 0 ? null : root.ReplaceNodes(types, (_, type) => AddPartial(type));
        });
    }

    /// <summary><c>partial</c> goes last among the modifiers, right before <c>class</c>/<c>struct</c>/<c>record</c>.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count > 0)
        {
            return type.AddModifiers(Token(SyntaxKind.PartialKeyword));
        }

        // No modifiers: the keyword's leading trivia (indentation, comments) moves to partial.
        SyntaxToken keyword = type.Keyword;
        SyntaxToken partial = Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, TriviaList(Space));
        return type.ReplaceToken(keyword, keyword.WithLeadingTrivia()).WithModifiers(TokenList(partial));
    }
}
