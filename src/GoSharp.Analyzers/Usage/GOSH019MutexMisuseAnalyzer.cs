using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH019 (staticcheck SA2001, SA2003): mistakes with GoSharp's <c>Mutex</c> and <c>RWMutex</c>
/// that are clear from one function: an empty critical section (<c>mu.Lock(); mu.Unlock();</c>),
/// <c>Defer(mu.Lock)</c> right after <c>mu.Lock()</c> where <c>Defer(mu.Unlock)</c> was meant (the
/// scope's end then deadlocks), and <c>Unlock</c> on a local mutex that nothing locked before it.
/// Unlocks of fields, parameters and captured locals are never judged: the caller, or the
/// enclosing function, may hold the lock (Go's mutexes belong to no goroutine).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH019MutexMisuseAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH019";

    /// <summary>Diagnostic property set on a <c>Defer(mu.Lock)</c>: the fix turns it into <c>Defer(mu.Unlock)</c>.</summary>
    public const string DeferredLockProperty = "DeferredLock";

    /// <summary>Creates the analyzer.</summary>
    public GOSH019MutexMisuseAnalyzer()
        : base(DiagnosticDescriptors.MutexMisuse)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines)
    {
        start.RegisterSyntaxNodeAction(AnalyzeBlock, SyntaxKind.Block);
        start.RegisterSyntaxNodeAction(AnalyzeUnlock, SyntaxKind.InvocationExpression);
    }

    private void AnalyzeBlock(SyntaxNodeAnalysisContext context)
    {
        SyntaxList<StatementSyntax> statements = ((BlockSyntax)context.Node).Statements;
        for (int i = 0; i + 1 < statements.Count; i++)
        {
            if (LockCall(statements[i], context.SemanticModel, context.CancellationToken) is not (ISymbol mutex, string lockName))
            {
                continue;
            }

            string unlockName = lockName == "RLock" ? "RUnlock" : "Unlock";
            StatementSyntax next = statements[i + 1];
            if (next is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax unlock }
                && SymbolEqualityComparer.Default.Equals(SyncCalls.Receiver(unlock, SyncCalls.Mutex, context.SemanticModel, context.CancellationToken, unlockName)
                    ?? SyncCalls.Receiver(unlock, SyncCalls.RWMutex, context.SemanticModel, context.CancellationToken, unlockName), mutex))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, statements[i].GetLocation(),
                    $"Empty critical section: '{mutex.Name}' is unlocked right after it is locked; put the code it guards between {lockName} and {unlockName}, or remove both"));
            }
            else if (DeferredMethod(next) is MemberAccessExpressionSyntax deferred
                && deferred.Name.Identifier.ValueText == lockName
                && SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetSymbolInfo(deferred.Expression, context.CancellationToken).Symbol, mutex))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, deferred.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(DeferredLockProperty, unlockName),
                    $"'Defer({mutex.Name}.{lockName})' right after '{mutex.Name}.{lockName}()' locks it again when the scope ends, which deadlocks: defer {mutex.Name}.{unlockName}"));
            }
        }
    }

    private void AnalyzeUnlock(SyntaxNodeAnalysisContext context)
    {
        var unlock = (InvocationExpressionSyntax)context.Node;
        string? name = SyncCalls.MethodName(unlock);
        if (name is not ("Unlock" or "RUnlock")
            || unlock.Expression is not MemberAccessExpressionSyntax member
            || context.SemanticModel.GetSymbolInfo(member.Expression, context.CancellationToken).Symbol is not ILocalSymbol mutex
            || !SyncCalls.IsMutex(mutex.Type)
            || Functions.Enclosing(unlock) is not SyntaxNode function
            || Functions.BodyOf(function) is not SyntaxNode body
            || mutex.DeclaringSyntaxReferences.Length != 1
            || Functions.Enclosing(mutex.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken)) != function)
        {
            // A mutex of an enclosing function (captured by a lambda or local function) may be locked there.
            return;
        }

        // Any earlier mention (a Lock, TryLock, LockAsync, passing it on) may have locked it.
        bool mentionedBefore = body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n =>
            n.SpanStart < member.SpanStart && n.Identifier.ValueText == mutex.Name
            && n.Parent is not VariableDeclaratorSyntax
            && SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetSymbolInfo(n, context.CancellationToken).Symbol, mutex));
        if (!mentionedBefore && Functions.EnclosingLoop(unlock) is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, unlock.GetLocation(),
                $"'{mutex.Name}.{name}()' unlocks a mutex that nothing has locked, which throws: lock it first, or remove the {name}"));
        }
    }

    /// <summary><c>mu.Lock();</c> or <c>mu.RLock();</c> on a GoSharp mutex: the mutex and the method name.</summary>
    private static (ISymbol Mutex, string Name)? LockCall(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        if (statement is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call }
            || member.Name.Identifier.ValueText is not ("Lock" or "RLock")
            || call.ArgumentList.Arguments.Count != 0)
        {
            return null;
        }

        ISymbol? mutex = SyncCalls.ReceiverOf(member, SyncCalls.Mutex, model, cancellationToken) ?? SyncCalls.ReceiverOf(member, SyncCalls.RWMutex, model, cancellationToken);
        return mutex is null ? null : (mutex, member.Name.Identifier.ValueText);
    }

    /// <summary>The method group <c>x.M</c> of <c>using var _ = Defer(x.M);</c> or <c>using (Defer(x.M))</c>.</summary>
    private static MemberAccessExpressionSyntax? DeferredMethod(StatementSyntax statement)
    {
        ExpressionSyntax? deferCall = statement switch
        {
            LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
            UsingStatementSyntax { Expression: { } expression } => expression,
            ExpressionStatementSyntax { Expression: var expression } => expression,
            _ => null,
        };
        return deferCall is InvocationExpressionSyntax
        {
            Expression: IdentifierNameSyntax { Identifier.ValueText: "Defer" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Defer" },
            ArgumentList.Arguments: { Count: 1 } arguments,
        } && arguments[0].Expression is MemberAccessExpressionSyntax method
            ? method
            : null;
    }
}
