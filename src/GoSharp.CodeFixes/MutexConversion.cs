using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>
/// Turns a lock object into a GoSharp <c>Mutex</c> (GOSH006's fix for a park site in a
/// <c>lock</c>, GOSH016's for <c>Monitor.Enter</c>): the field becomes <c>Mutex _gate = new();</c>,
/// every <c>lock (_gate) { body }</c> of the document <c>_gate.Lock(); using var _ = Defer(_gate.Unlock); body</c>
/// (in a block of its own unless the lock was the last statement of its block),
/// <c>Monitor.Enter(_gate);</c> <c>_gate.Lock();</c> and <c>Monitor.Exit(_gate);</c> <c>_gate.Unlock();</c>.
/// A goroutine that waits for the Mutex parks. Only where nothing else can see the change: the
/// lock object is a private field of a type declared in this document only, of type
/// <c>object</c>, initialized with <c>new object()</c> (or <c>new()</c>), and used by nothing but
/// <c>lock</c> statements and those <c>Monitor.Enter</c>/<c>Exit</c> statements, none inside a
/// <c>lock</c> of the same field. (Reentry through a call is not seen: a Mutex taken twice deadlocks.)
/// </summary>
internal static class MutexConversion
{
    /// <summary>The document with <paramref name="gate"/>'s field turned into a Mutex, or null where that is not safe.</summary>
    public static SyntaxNode? Convert(SyntaxNode root, ExpressionSyntax gate, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(gate, cancellationToken).Symbol is not IFieldSymbol { Type.SpecialType: SpecialType.System_Object, DeclaredAccessibility: Accessibility.Private } field
            || field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax } declaration } declarator
            || declarator.SyntaxTree != root.SyntaxTree
            || declarator.Initializer?.Value is not (ImplicitObjectCreationExpressionSyntax or ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 })
            || field.ContainingType.DeclaringSyntaxReferences.Any(r => r.SyntaxTree != root.SyntaxTree))
        {
            return null;
        }

        var uses = root.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == field.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, field))
            .Select(n => UseOf(n, model, cancellationToken))
            .ToList();
        // A lock taken again inside its own body is reentrant, which a Monitor allows and a Mutex deadlocks on.
        if (uses.Any(u => u is null)
            || uses.OfType<LockStatementSyntax>().Any(l => uses.Any(u => u != l && l.Statement.Span.Contains(u!.Span))))
        {
            return null;
        }

        SyntaxNode tracked = root.TrackNodes(uses.Cast<SyntaxNode>().Concat(new[] { declaration }));
        foreach (StatementSyntax original in uses!)
        {
            StatementSyntax current = tracked.GetCurrentNode(original)!;
            tracked = current is LockStatementSyntax lockStatement
                ? ReplaceLock(tracked, lockStatement, model, original.SpanStart)
                : tracked.ReplaceNode(current, MutexCall((ExpressionStatementSyntax)current));
        }

        VariableDeclarationSyntax currentDeclaration = tracked.GetCurrentNode(declaration)!;
        VariableDeclarationSyntax mutex = currentDeclaration
            .WithType(GoSyntax.GoSharpType("Mutex").WithTriviaFrom(currentDeclaration.Type))
            .WithVariables(SingletonSeparatedList(currentDeclaration.Variables[0].WithInitializer(
                EqualsValueClause(ImplicitObjectCreationExpression()).WithTriviaFrom(currentDeclaration.Variables[0].Initializer!))));
        return tracked.ReplaceNode(currentDeclaration, mutex);
    }

    /// <summary>The <c>lock</c> statement or <c>Monitor.Enter|Exit(gate);</c> statement a use of the field is the object of; null for any other use.</summary>
    private static StatementSyntax? UseOf(IdentifierNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax gate = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
        return gate.Parent switch
        {
            LockStatementSyntax lockStatement when lockStatement.Expression == gate => lockStatement,
            ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax statement } call } }
                when model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Name: "Enter" or "Exit", Parameters.Length: 1 } method
                    && method.ContainingType.ToDisplayString() == "System.Threading.Monitor" => statement,
            _ => null,
        };
    }

    /// <summary><c>Monitor.Enter(gate);</c> → <c>gate.Lock();</c>, <c>Monitor.Exit(gate);</c> → <c>gate.Unlock();</c>.</summary>
    private static StatementSyntax MutexCall(ExpressionStatementSyntax statement)
    {
        var call = (InvocationExpressionSyntax)statement.Expression;
        string name = call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exit" } or IdentifierNameSyntax { Identifier.ValueText: "Exit" } ? "Unlock" : "Lock";
        return GoSyntax.CallStatement(call.ArgumentList.Arguments[0].Expression, name).WithTriviaFrom(statement);
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
