using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>
/// Builds the GoSharp code the fixes insert the way the user's file spells it: <c>Sleep(...)</c>
/// under <c>using static GoSharp.Go;</c>, <c>Go.Sleep(...)</c> under <c>using GoSharp;</c>, the
/// full name otherwise; and fresh local names that clash with nothing in scope.
/// </summary>
internal static class GoSyntax
{
    private const string GoTypeName = "GoSharp.Go";

    /// <summary><c>Name</c>, <c>Go.Name</c> or <c>global::GoSharp.Go.Name</c>: whichever binds to <c>GoSharp.Go.Name</c> at <paramref name="position"/>.</summary>
    public static ExpressionSyntax GoMember(SemanticModel model, int position, string name)
    {
        if (model.LookupSymbols(position, name: name).Any(s => s.ContainingType?.ToDisplayString() == GoTypeName))
        {
            return IdentifierName(name);
        }

        if (model.LookupNamespacesAndTypes(position, name: "Go").Any(s => s is INamedTypeSymbol type && type.ToDisplayString() == GoTypeName))
        {
            return MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("Go"), IdentifierName(name));
        }

        return ParseExpression("global::" + GoTypeName + "." + name).WithAdditionalAnnotations(Simplifier.Annotation);
    }

    /// <summary>A GoSharp type by name (<c>Mutex</c>, <c>WaitGroup</c>...), simplified to what the file's usings allow.</summary>
    public static TypeSyntax GoSharpType(string name) =>
        ParseTypeName("global::GoSharp." + name).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>A name in the GoSharp namespace (an attribute, a type), simplified to what the file's usings allow.</summary>
    public static NameSyntax GoSharpName(string name) =>
        ParseName("global::GoSharp." + name).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary><c>using var _ = Defer(action);</c>, with <c>_</c> renamed if that name is taken in <paramref name="scope"/>.</summary>
    public static LocalDeclarationStatementSyntax DeferStatement(ExpressionSyntax action, SemanticModel model, SyntaxNode scope, int position)
    {
        string name = FreshName(model, scope, position, "_");
        InvocationExpressionSyntax defer = InvocationExpression(GoMember(model, position, "Defer"), ArgumentList(SingletonSeparatedList(Argument(action))));
        return LocalDeclarationStatement(
                VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(name).WithInitializer(EqualsValueClause(defer)))))
            .WithUsingKeyword(Token(SyntaxKind.UsingKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// <paramref name="preferred"/>, or it with a number after it (a discard-like <c>_</c> gets
    /// more underscores): a name no symbol in scope at <paramref name="position"/> and no declaration
    /// inside <paramref name="scope"/> uses.
    /// </summary>
    public static string FreshName(SemanticModel model, SyntaxNode scope, int position, string preferred)
    {
        var declared = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && IsDeclaration(t)).Select(t => t.ValueText));
        for (int i = 1; ; i++)
        {
            string candidate = i == 1 ? preferred : preferred == "_" ? new string('_', i) : preferred + i;
            if (!declared.Contains(candidate) && model.LookupSymbols(position, name: candidate).IsEmpty)
            {
                return candidate;
            }
        }
    }

    private static bool IsDeclaration(SyntaxToken identifier) => identifier.Parent switch
    {
        VariableDeclaratorSyntax d => d.Identifier == identifier,
        SingleVariableDesignationSyntax => true,
        ParameterSyntax p => p.Identifier == identifier,
        ForEachStatementSyntax f => f.Identifier == identifier,
        LocalFunctionStatementSyntax l => l.Identifier == identifier,
        CatchDeclarationSyntax c => c.Identifier == identifier,
        _ => false,
    };

    /// <summary><c>receiver.Name(arguments)</c> as a statement, formatted.</summary>
    public static ExpressionStatementSyntax CallStatement(ExpressionSyntax receiver, string name, params ExpressionSyntax[] arguments) =>
        ExpressionStatement(InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrivia(), IdentifierName(name)),
                ArgumentList(SeparatedList(arguments.Select(Argument)))))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>
    /// Inserts <paramref name="inserted"/> before <paramref name="statement"/> (after it when
    /// <paramref name="after"/>): beside it in its block or switch section, or, where it is an
    /// embedded statement (<c>if (x) return;</c>), in a new block around both.
    /// </summary>
    public static SyntaxNode InsertBeside(SyntaxNode root, StatementSyntax statement, IEnumerable<StatementSyntax> inserted, bool after = false)
    {
        // The formatter does not break lines between statements: each inserted one gets the
        // statement's indentation and a line end of its own.
        SyntaxTriviaList indentation = TriviaList(statement.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        SyntaxTrivia lineEnd = LineEnd(statement);
        var list = inserted.Select(s => s.WithLeadingTrivia(indentation).WithTrailingTrivia(lineEnd).WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        if (statement.Parent is BlockSyntax or SwitchSectionSyntax)
        {
            if (after)
            {
                return root.InsertNodesAfter(statement, list);
            }

            if (list.Count == 0)
            {
                return root;
            }

            // Blank lines above the statement stay above what goes before it.
            SyntaxTriviaList leading = statement.GetLeadingTrivia();
            int blank = 0;
            for (int i = 0; i < leading.Count && (leading[i].IsKind(SyntaxKind.WhitespaceTrivia) || leading[i].IsKind(SyntaxKind.EndOfLineTrivia)); i++)
            {
                blank = leading[i].IsKind(SyntaxKind.EndOfLineTrivia) ? i + 1 : blank;
            }

            list[0] = list[0].WithLeadingTrivia(leading.Take(blank).Concat(indentation));
            return root.ReplaceNode(statement, list.Concat(new[] { statement.WithLeadingTrivia(leading.Skip(blank)) }));
        }

        StatementSyntax plain = statement.WithoutTrivia();
        var statements = after ? new[] { plain }.Concat(list) : list.Concat(new[] { plain });
        return root.ReplaceNode(statement, Block(statements).WithTriviaFrom(statement).WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>
    /// Inserts a statement from <paramref name="make"/> before each of <paramref name="returns"/>
    /// and, when <paramref name="atEnd"/>, after the last statement of <paramref name="body"/>:
    /// the function's exits. The returns and the body are nodes of the original tree, tracked in
    /// <paramref name="root"/>.
    /// </summary>
    public static SyntaxNode InsertBeforeExits(SyntaxNode root, BlockSyntax body, IEnumerable<ReturnStatementSyntax> returns, bool atEnd, System.Func<StatementSyntax> make)
    {
        foreach (ReturnStatementSyntax exit in returns)
        {
            root = InsertBeside(root, root.GetCurrentNode(exit)!, new[] { make() });
        }

        if (atEnd)
        {
            BlockSyntax current = root.GetCurrentNode(body)!;
            root = root.ReplaceNode(current, current.AddStatements(make()));
        }

        return root;
    }

    /// <summary>The file's line end (the first one in it), so that inserted lines match their neighbours.</summary>
    public static SyntaxTrivia LineEnd(SyntaxNode node)
    {
        SyntaxTrivia first = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return first.IsKind(SyntaxKind.EndOfLineTrivia) ? first : LineFeed;
    }

    /// <summary>The nearest statement around <paramref name="node"/> in the same function (the node itself if it is one).</summary>
    public static StatementSyntax? EnclosingStatement(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax statement)
            {
                return statement;
            }

            if (current is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax)
            {
                return null;
            }
        }

        return null;
    }
}
