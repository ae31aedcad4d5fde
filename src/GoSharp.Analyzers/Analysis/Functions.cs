using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>Syntax helpers about functions: which one a node belongs to, its body, its own code.</summary>
internal static class Functions
{
    /// <summary>
    /// The nearest function around <paramref name="node"/>: a lambda, anonymous method, local
    /// function, or member with a body (method, constructor, accessor, operator...); null for a
    /// query clause or a field initializer.
    /// </summary>
    public static SyntaxNode? Enclosing(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    return current;
                case QueryExpressionSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The body of a function: a block, or the expression of an expression-bodied one.</summary>
    public static SyntaxNode? BodyOf(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.Body,
        LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
        AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody?.Expression,
        _ => null,
    };

    /// <summary>True if <paramref name="function"/> is a lambda, anonymous method or local function.</summary>
    public static bool IsNested(SyntaxNode function) => function is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>The nodes of <paramref name="function"/>'s own code: its body without nested functions and queries.</summary>
    public static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode function)
    {
        SyntaxNode? body = BodyOf(function);
        if (body is null)
        {
            yield break;
        }

        yield return body;
        foreach (SyntaxNode node in body.DescendantNodes(n => n == body || !(IsNested(n) || n is QueryExpressionSyntax)))
        {
            yield return node;
        }
    }

    /// <summary>The nearest loop around <paramref name="node"/> inside its own function, or null.</summary>
    public static StatementSyntax? EnclosingLoop(SyntaxNode node)
    {
        SyntaxNode child = node;
        for (SyntaxNode? current = node.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax or QueryExpressionSyntax:
                    return null;
                case ForStatementSyntax loop when child == loop.Statement || loop.Condition == child || (child is ExpressionSyntax e && loop.Incrementors.Contains(e)):
                    return loop;
                case WhileStatementSyntax loop:
                    return loop;
                case DoStatementSyntax loop:
                    return loop;
                case CommonForEachStatementSyntax loop when child == loop.Statement:
                    return loop;
            }
        }

        return null;
    }
}
