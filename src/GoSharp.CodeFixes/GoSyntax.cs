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
}
