using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>
/// Whether goroutine code reaches a plain (not <c>[Goroutine]</c>) method, directly or through
/// other plain methods: then the method runs on a goroutine without the twin's preemption
/// checkpoints. Answered on demand, backwards from the method asked about: its call sites (from
/// each tree's <see cref="InvocationIndex"/>, so only calls of that name are bound), the functions
/// around them, and so on up while they are plain methods, until goroutine code is found or no
/// caller is left. Nothing walks the whole compilation: an edit costs the index of the edited
/// file and the searches of the loops that are analyzed. Answers are cached per compilation.
/// </summary>
internal sealed class GoroutineCallers
{
    private readonly Compilation _compilation;
    private readonly GoroutineCode _goroutines;

    /// <summary>Per method: the goroutine code that reaches it, or null when none does.</summary>
    private readonly ConcurrentDictionary<IMethodSymbol, string?> _answers = new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public GoroutineCallers(Compilation compilation, GoroutineCode goroutines)
    {
        _compilation = compilation;
        _goroutines = goroutines;
    }

    /// <summary>True if goroutine code reaches <paramref name="method"/>; <paramref name="from"/> names the goroutine code.</summary>
    public bool IsReached(IMethodSymbol method, CancellationToken cancellationToken, out string from)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (!_answers.TryGetValue(definition, out string? origin))
        {
            origin = Search(definition, cancellationToken);
        }

        from = origin ?? "";
        return origin is not null;
    }

    /// <summary>
    /// Breadth first over callers, so that the goroutine code named is one of the nearest. When
    /// nothing reaches the method, nothing reaches any caller visited either (it would reach the
    /// method through them), so all of them are cached as unreached.
    /// </summary>
    private string? Search(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method };
        var queue = new Queue<IMethodSymbol>();
        queue.Enqueue(method);
        while (queue.Count > 0)
        {
            IMethodSymbol callee = queue.Dequeue();
            if (!SymbolEqualityComparer.Default.Equals(callee, method) && _answers.TryGetValue(callee, out string? known))
            {
                if (known is not null)
                {
                    return _answers.GetOrAdd(method, known);
                }

                continue;
            }

            foreach (InvocationExpressionSyntax call in CallsOf(callee, cancellationToken))
            {
                SemanticModel model = ModelOf(call.SyntaxTree);
                SyntaxNode? caller = Functions.Enclosing(call);

                // A local function that is not goroutine code runs where its function calls it.
                while (caller is LocalFunctionStatementSyntax local && !_goroutines.IsGoroutineFunction(local, model, cancellationToken))
                {
                    caller = Functions.Enclosing(local);
                }

                if (caller is null)
                {
                    continue;
                }

                if (_goroutines.IsGoroutineFunction(caller, model, cancellationToken))
                {
                    return _answers.GetOrAdd(method, NameOf(caller));
                }

                // Only a plain method passes the call on: a lambda of ordinary code runs wherever
                // it is called from, which this does not follow.
                if (caller is MethodDeclarationSyntax declaration
                    && model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol { MethodKind: MethodKind.Ordinary } plain
                    && visited.Add(plain.OriginalDefinition))
                {
                    queue.Enqueue(plain.OriginalDefinition);
                }
            }
        }

        foreach (IMethodSymbol unreached in visited)
        {
            _answers.TryAdd(unreached, null);
        }

        return null;
    }

    /// <summary>The calls of <paramref name="method"/> in this compilation's source (extension methods in either form).</summary>
    private IEnumerable<InvocationExpressionSyntax> CallsOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxTree tree in _compilation.SyntaxTrees)
        {
            IReadOnlyList<InvocationExpressionSyntax> calls = InvocationIndex.Of(tree, cancellationToken).Calls(method.Name);
            if (calls.Count == 0)
            {
                continue;
            }

            SemanticModel model = ModelOf(tree);
            foreach (InvocationExpressionSyntax call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol called
                    && SymbolEqualityComparer.Default.Equals((called.ReducedFrom ?? called).OriginalDefinition, method))
                {
                    yield return call;
                }
            }
        }
    }

#pragma warning disable RS1030 // The callers of a method are in other files than the one being analyzed.
    private SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030

    private static string NameOf(SyntaxNode goroutine) => goroutine switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        _ => "a goroutine lambda",
    };
}
