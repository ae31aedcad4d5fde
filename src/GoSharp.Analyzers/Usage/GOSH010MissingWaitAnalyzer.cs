using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Analyzers.Analysis;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH010: a local <c>WaitGroup</c> that counts goroutines (<c>Add</c> or <c>Go</c>) started in
/// the same function, which never waits for it. Only a WaitGroup that does not escape is judged:
/// one stored in a field, returned, assigned elsewhere or passed to a method that may wait for it
/// (any method from metadata, or a source method that calls <c>Wait</c> on it or passes it on)
/// may be waited for by someone else.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH010MissingWaitAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH010";

    /// <summary>Creates the analyzer.</summary>
    public GOSH010MissingWaitAnalyzer()
        : base(DiagnosticDescriptors.MissingWait)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, goroutines),
            SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.LocalFunctionStatement,
            SyntaxKind.GetAccessorDeclaration, SyntaxKind.SetAccessorDeclaration, SyntaxKind.InitAccessorDeclaration,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);

    /// <summary>
    /// Judges each <c>new WaitGroup()</c> local of a function once (the body is read once per
    /// WaitGroup, not once per call on it); the diagnostic goes on its first <c>Add</c> or <c>Go</c>.
    /// </summary>
    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        SyntaxNode function = context.Node;
        if (Functions.BodyOf(function) is not SyntaxNode body)
        {
            return;
        }

        foreach (VariableDeclaratorSyntax declarator in Functions.OwnNodes(function).OfType<VariableDeclaratorSyntax>())
        {
            if (MayCreateWaitGroup(declarator))
            {
                Analyze(context, declarator, body, goroutines);
            }
        }
    }

    private void Analyze(SyntaxNodeAnalysisContext context, VariableDeclaratorSyntax declarator, SyntaxNode body, GoroutineCode goroutines)
    {
        SemanticModel model = context.SemanticModel;
        CancellationToken cancellationToken = context.CancellationToken;
        if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { Type: var type } waitGroup
            || type.ToDisplayString() != SyncCalls.WaitGroup)
        {
            return;
        }

        InvocationExpressionSyntax? firstCount = null;
        foreach (IdentifierNameSyntax use in References(body, waitGroup, model, cancellationToken))
        {
            switch (Use(use, model, cancellationToken))
            {
                case WaitGroupUse.Count when firstCount is null:
                    firstCount = (InvocationExpressionSyntax)use.Parent!.Parent!;
                    break;
                case WaitGroupUse.Wait or WaitGroupUse.Escape:
                    return;
            }
        }

        if (firstCount is not null && StartsGoroutines(body, model, goroutines, cancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, firstCount.GetLocation(), waitGroup.Name));
        }
    }

    /// <summary>Syntax only: <c>= new WaitGroup()</c> (any qualification), or <c>WaitGroup wg = new()</c>.</summary>
    private static bool MayCreateWaitGroup(VariableDeclaratorSyntax declarator) => declarator.Initializer?.Value switch
    {
        ObjectCreationExpressionSyntax { Type: var created } => LastName(created) == "WaitGroup",
        ImplicitObjectCreationExpressionSyntax => declarator.Parent is VariableDeclarationSyntax { Type: var declared } && LastName(declared) == "WaitGroup",
        _ => false,
    };

    private static string? LastName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    private enum WaitGroupUse
    {
        /// <summary><c>wg.Done()</c>, <c>Defer(wg.Done)</c>, or passed to a method that only counts down.</summary>
        Harmless,

        /// <summary><c>wg.Add(n)</c> or <c>wg.Go(f)</c>.</summary>
        Count,

        /// <summary><c>wg.Wait()</c> or <c>wg.WaitAsync()</c>.</summary>
        Wait,

        /// <summary>Anything else: someone else may wait.</summary>
        Escape,
    }

    private static IEnumerable<IdentifierNameSyntax> References(SyntaxNode scope, ISymbol variable, SemanticModel model, CancellationToken cancellationToken) =>
        scope.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Where(name => name.Identifier.ValueText == variable.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, variable));

    private static WaitGroupUse Use(IdentifierNameSyntax use, SemanticModel model, CancellationToken cancellationToken)
    {
        if (use.Parent is MemberAccessExpressionSyntax member && member.Expression == use)
        {
            return member.Name.Identifier.ValueText switch
            {
                "Add" or "Go" when member.Parent is InvocationExpressionSyntax => WaitGroupUse.Count,
                "Wait" or "WaitAsync" => WaitGroupUse.Wait,
                "Done" => WaitGroupUse.Harmless,
                _ => WaitGroupUse.Escape,
            };
        }

        if (use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } argument
            && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol callee
            && GoroutineLambdas.ParameterOf(argument, callee) is IParameterSymbol parameter
            && OnlyCountsDown(callee, parameter, model, cancellationToken))
        {
            return WaitGroupUse.Harmless;
        }

        return WaitGroupUse.Escape;
    }

    /// <summary>True if the source method <paramref name="callee"/> only calls <c>Done</c> on <paramref name="parameter"/> (directly or deferred).</summary>
    private static bool OnlyCountsDown(IMethodSymbol callee, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
    {
        if (callee.DeclaringSyntaxReferences.Length != 1
            || callee.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not SyntaxNode declaration
            || Functions.BodyOf(declaration) is not SyntaxNode body
            || !model.Compilation.ContainsSyntaxTree(body.SyntaxTree))
        {
            return false;
        }

#pragma warning disable RS1030 // The callee may be declared in another file than the one being analyzed.
        SemanticModel calleeModel = body.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
        return References(body, parameter, calleeModel, cancellationToken).All(use =>
            use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Done" } member && member.Expression == use);
    }

    /// <summary>True if <paramref name="body"/> starts a goroutine: <c>go(...)</c>, <c>wg.Go(...)</c>, or a call given a <c>[GoroutineCode]</c> lambda.</summary>
    private static bool StartsGoroutines(SyntaxNode body, SemanticModel model, GoroutineCode goroutines, CancellationToken cancellationToken) =>
        body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(call =>
            (call.Expression is IdentifierNameSyntax { Identifier.ValueText: "go" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "go" or "Go" or "TryGo" }
                || call.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax))
            && (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
                && (goroutines.Known.IsGoStatement(method) || IsWaitGroupGo(method))
                || call.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax lambda
                    && goroutines.NewGoroutineStartOf(lambda, model, cancellationToken) is not null)));

    private static bool IsWaitGroupGo(IMethodSymbol method) => method.Name == "Go" && method.ContainingType.ToDisplayString() == SyncCalls.WaitGroup;
}
