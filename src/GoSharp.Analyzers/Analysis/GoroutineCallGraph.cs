using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>
/// The plain (not <c>[Goroutine]</c>) methods of a compilation that goroutine code calls, directly
/// or through other plain methods: code that runs on a goroutine without the twin's preemption
/// checkpoints. Built once per compilation, on first use, by walking out from the goroutine code
/// (the <c>[Goroutine]</c> methods and <c>go</c> lambdas, found with a syntactic pre-filter so that
/// only their files are bound); it binds only the bodies it reaches.
/// </summary>
internal sealed class GoroutineCallGraph
{
    private readonly Lazy<Dictionary<IMethodSymbol, string>> _reached;

    public GoroutineCallGraph(Compilation compilation, GoroutineCode goroutines, CancellationToken cancellationToken) =>
        _reached = new Lazy<Dictionary<IMethodSymbol, string>>(() => Build(compilation, goroutines, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True if goroutine code reaches <paramref name="method"/>; <paramref name="from"/> names the goroutine code.</summary>
    public bool IsReached(IMethodSymbol method, out string from)
    {
        if (_reached.Value.TryGetValue(method.OriginalDefinition, out string? origin))
        {
            from = origin;
            return true;
        }

        from = "";
        return false;
    }

    private static Dictionary<IMethodSymbol, string> Build(Compilation compilation, GoroutineCode goroutines, CancellationToken cancellationToken)
    {
        var reached = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        var work = new Queue<(SyntaxNode Body, string From)>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SyntaxNode root = tree.GetRoot(cancellationToken);
            SemanticModel? model = null;
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                if (node is MethodDeclarationSyntax method && MayBeGoroutine(method))
                {
                    model ??= compilation.GetSemanticModel(tree);
                    if (goroutines.IsGoroutineFunction(method, model, cancellationToken) && Functions.BodyOf(method) is SyntaxNode body)
                    {
                        work.Enqueue((body, method.Identifier.ValueText));
                    }
                }
                else if (node is AnonymousFunctionExpressionSyntax lambda && lambda.Parent is ArgumentSyntax)
                {
                    model ??= compilation.GetSemanticModel(tree);
                    if (goroutines.StartOf(lambda, model, cancellationToken) is not null)
                    {
                        work.Enqueue((lambda.Body, "a goroutine lambda"));
                    }
                }
            }
        }

        while (work.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (SyntaxNode body, string from) = work.Dequeue();
            SemanticModel model = compilation.GetSemanticModel(body.SyntaxTree);
            foreach (InvocationExpressionSyntax call in body.DescendantNodesAndSelf(n => !Functions.IsNested(n) || n == body.Parent).OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } callee
                    && (callee.ReducedFrom ?? callee).OriginalDefinition is var definition
                    && !goroutines.Known.IsGoroutine(definition)
                    && !reached.ContainsKey(definition)
                    && SourceBody(definition, compilation, cancellationToken) is SyntaxNode calleeBody)
                {
                    reached.Add(definition, from);
                    work.Enqueue((calleeBody, from));
                }
            }
        }

        return reached;
    }

    /// <summary>Cheap syntactic pre-filter: an attribute whose name mentions Goroutine.</summary>
    private static bool MayBeGoroutine(MethodDeclarationSyntax method) =>
        method.AttributeLists.Any(list => list.Attributes.Any(a => a.Name.ToString().IndexOf("Goroutine", StringComparison.Ordinal) >= 0));

    private static SyntaxNode? SourceBody(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Length == 1
        && method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
        && compilation.ContainsSyntaxTree(declaration.SyntaxTree)
            ? Functions.BodyOf(declaration)
            : null;
}
