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

/// <summary>
/// GOSH006, for a park site inside <c>lock (_gate)</c>: turns the lock object into a GoSharp
/// <c>Mutex</c> and every <c>lock (_gate) { body }</c> of the document into
/// <c>_gate.Lock(); using var _ = Defer(_gate.Unlock); body</c>, in a block of its own unless the
/// lock was the last statement of its block. A goroutine that waits for the Mutex parks, and the
/// body may then park too. Offered only when the lock object is a field of this document,
/// initialized with <c>new object()</c> (or <c>new()</c>), and used by nothing but lock statements.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH006ParkInLockCodeFix))]
[Shared]
public sealed class GOSH006ParkInLockCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH006ParkInLockCodeFix()
        : base(GoroutineBodyAnalyzer.ParkInForbiddenContextId)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        if (node.FirstAncestorOrSelf<LockStatementSyntax>() is null)
        {
            yield break;
        }

        yield return new Fix("Use a GoSharp Mutex instead of lock", "", (root, parkSite, model, token) =>
        {
            if (parkSite.FirstAncestorOrSelf<LockStatementSyntax>() is not LockStatementSyntax lockStatement
                || model.GetSymbolInfo(lockStatement.Expression, token).Symbol is not IFieldSymbol { Type.SpecialType: SpecialType.System_Object } gate
                || gate.DeclaringSyntaxReferences.Length != 1
                || gate.DeclaringSyntaxReferences[0].GetSyntax(token) is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } declaration } declarator
                || declarator.SyntaxTree != root.SyntaxTree
                || declarator.Initializer?.Value is not (ImplicitObjectCreationExpressionSyntax or ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 }))
            {
                return null;
            }

            var uses = root.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == gate.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, token).Symbol, gate))
                .ToList();
            var locks = uses.Select(u => (u.Parent is MemberAccessExpressionSyntax { Name: var name } m && name == u ? m : (ExpressionSyntax)u).Parent as LockStatementSyntax).ToList();
            if (locks.Any(l => l is null) || gate.ContainingType.DeclaringSyntaxReferences.Any(r => r.SyntaxTree != root.SyntaxTree))
            {
                return null;
            }

            SyntaxNode tracked = root.TrackNodes(locks.Cast<SyntaxNode>().Concat(new[] { declaration }));
            foreach (LockStatementSyntax original in locks!)
            {
                LockStatementSyntax current = tracked.GetCurrentNode(original)!;
                tracked = ReplaceLock(tracked, current, model, original.SpanStart);
            }

            VariableDeclarationSyntax currentDeclaration = tracked.GetCurrentNode(declaration)!;
            VariableDeclarationSyntax mutex = currentDeclaration
                .WithType(GoSyntax.GoSharpType("Mutex").WithTriviaFrom(currentDeclaration.Type))
                .WithVariables(SingletonSeparatedList(currentDeclaration.Variables[0].WithInitializer(
                    EqualsValueClause(ImplicitObjectCreationExpression()).WithTriviaFrom(currentDeclaration.Variables[0].Initializer!))));
            return tracked.ReplaceNode(currentDeclaration, mutex);
        });
    }

    private static SyntaxNode ReplaceLock(SyntaxNode root, LockStatementSyntax lockStatement, SemanticModel model, int position)
    {
        ExpressionSyntax gate = lockStatement.Expression.WithoutTrivia();
        var body = lockStatement.Statement is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { lockStatement.Statement };
        SyntaxNode scope = lockStatement.Parent ?? lockStatement;
        var statements = new List<StatementSyntax>
        {
            GoSyntax.CallStatement(gate, "Lock"),
            GoSyntax.DeferStatement(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, gate, IdentifierName("Unlock")), model, scope, position),
        };
        statements.AddRange(body);
        if (lockStatement.Parent is BlockSyntax parent && parent.Statements.Last() == lockStatement)
        {
            // The scope of the using ends with the block, as the lock's did.
            var formatted = statements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
            formatted[0] = formatted[0].WithLeadingTrivia(lockStatement.GetLeadingTrivia());
            return root.ReplaceNode(lockStatement, formatted);
        }

        return root.ReplaceNode(lockStatement, Block(statements).WithTriviaFrom(lockStatement).WithAdditionalAnnotations(Formatter.Annotation));
    }
}
