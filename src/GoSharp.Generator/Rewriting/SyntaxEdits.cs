using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>The syntax edits the rewriter makes, each keeping every line break of the user's code (so <c>#line</c> mapping holds).</summary>
internal static class SyntaxEdits
{
    /// <summary>Parses <paramref name="text"/> as statements, each followed by a space.</summary>
    public static IEnumerable<StatementSyntax> ParseStatements(string text) =>
        ((BlockSyntax)ParseStatement("{" + text + "}")).Statements.Select(s => s.WithoutTrivia().WithTrailingTrivia(Space));

    /// <summary>Puts <paramref name="statements"/> right after the block's brace, on the same line.</summary>
    public static BlockSyntax Prepend(BlockSyntax block, string statements)
    {
        SyntaxToken open = block.OpenBraceToken;
        var first = ParseStatements(statements).Select(s => s.WithLeadingTrivia(Space).WithTrailingTrivia()).ToList();
        first[first.Count - 1] = first[first.Count - 1].WithTrailingTrivia(open.TrailingTrivia);
        return block
            .WithOpenBraceToken(open.WithTrailingTrivia())
            .WithStatements(block.Statements.InsertRange(0, first));
    }

    /// <summary>The argument list with <paramref name="first"/> in front of its arguments.</summary>
    public static ArgumentListSyntax Prepend(ArgumentListSyntax list, params ArgumentSyntax[] first)
    {
        var nodes = new List<SyntaxNodeOrToken>();
        foreach (ArgumentSyntax argument in first)
        {
            if (nodes.Count > 0)
            {
                nodes.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            }

            nodes.Add(argument);
        }

        foreach (SyntaxNodeOrToken existing in list.Arguments.GetWithSeparators())
        {
            if (nodes.Count > 0 && existing.IsNode && nodes[nodes.Count - 1].IsNode)
            {
                nodes.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            }

            nodes.Add(existing);
        }

        return list.WithArguments(SeparatedList<ArgumentSyntax>(nodes));
    }

    /// <summary>The arguments without the last one (and its comma).</summary>
    public static SeparatedSyntaxList<ArgumentSyntax> RemoveLast(SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        var nodes = arguments.GetWithSeparators().ToList();
        nodes.RemoveAt(nodes.Count - 1);
        if (nodes.Count > 0)
        {
            nodes.RemoveAt(nodes.Count - 1);
        }

        return SeparatedList<ArgumentSyntax>(nodes);
    }

    /// <summary><paramref name="arguments"/>, separated by <c>", "</c>.</summary>
    public static SeparatedSyntaxList<ArgumentSyntax> CommaSeparated(IReadOnlyList<ArgumentSyntax> arguments)
    {
        var nodes = new List<SyntaxNodeOrToken>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                nodes.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            }

            nodes.Add(arguments[i]);
        }

        return SeparatedList<ArgumentSyntax>(nodes);
    }
}
