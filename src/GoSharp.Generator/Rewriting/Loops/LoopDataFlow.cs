using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// Which of a loop's variables its helper takes, and how: every variable the loop uses from
/// outside becomes a parameter that shadows the twin's, by <c>ref</c> if the loop writes it (copied
/// into a local on entry and back on exit), by value if it only reads it. A loop whose variables
/// cannot all be passed that way is refused, with the reason.
/// </summary>
internal sealed class LoopDataFlow
{
    private readonly SemanticModel _model;
    private readonly SyntaxNode _methodBody;
    private readonly CancellationToken _cancellationToken;
    private ImmutableArray<ISymbol>? _captured;

    public LoopDataFlow(SemanticModel model, SyntaxNode methodBody, CancellationToken cancellationToken)
    {
        _model = model;
        _methodBody = methodBody;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The helper's parameters for <paramref name="loop"/>, and in <paramref name="headerStatements"/>
    /// what the twin runs before the first call (a <c>for</c> header's declarations and initializers,
    /// which stay in the twin); null with the reason in <paramref name="refusal"/> if a variable cannot be passed.
    /// </summary>
    public List<LoopVariable>? Variables(StatementSyntax loop, out string headerStatements, out string? refusal)
    {
        headerStatements = "";
        refusal = null;
        DataFlowAnalysis? flow = _model.AnalyzeDataFlow(loop);
        if (flow is null || !flow.Succeeded)
        {
            refusal = "the compiler's data-flow analysis of the loop failed";
            return null;
        }

        // Variables the loop's own header declares (for (int i = 0; ...)): they stay in the twin.
        var headerVariables = new List<ILocalSymbol>();
        if (loop is ForStatementSyntax forLoop)
        {
            if (forLoop.Declaration is VariableDeclarationSyntax declaration)
            {
                foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
                {
                    if (declarator.Initializer is null || _model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local)
                    {
                        refusal = "a for header variable without an initializer";
                        return null;
                    }

                    headerVariables.Add(local);
                }

                headerStatements = declaration.WithoutTrivia().ToString() + "; ";
            }

            headerStatements += string.Concat(forLoop.Initializers.Select(e => e.WithoutTrivia().ToString() + "; "));
            if (headerStatements.IndexOf('\n') >= 0)
            {
                refusal = "a for header whose declarations span lines";
                return null;
            }
        }

        var written = new HashSet<ISymbol>(flow.WrittenInside, SymbolEqualityComparer.Default);
        var assigned = new HashSet<ISymbol>(flow.DefinitelyAssignedOnEntry, SymbolEqualityComparer.Default);
        var declaredInside = new HashSet<ISymbol>(flow.VariablesDeclared, SymbolEqualityComparer.Default);
        declaredInside.ExceptWith(headerVariables);

        // A foreach's collection is evaluated in the twin: what only it uses is not passed.
        DataFlowAnalysis? bodyFlow = loop is CommonForEachStatementSyntax each ? _model.AnalyzeDataFlow(each.Statement) : flow;
        if (bodyFlow is null || !bodyFlow.Succeeded)
        {
            refusal = "the compiler's data-flow analysis of the loop failed";
            return null;
        }

        var used = new HashSet<ISymbol>(bodyFlow.ReadInside.Concat(bodyFlow.WrittenInside), SymbolEqualityComparer.Default);
        var variables = new List<LoopVariable>();
        foreach (ISymbol symbol in flow.ReadInside.Concat(flow.WrittenInside).Concat(headerVariables).Distinct(SymbolEqualityComparer.Default))
        {
            bool isHeader = headerVariables.Contains(symbol, SymbolEqualityComparer.Default);
            if (declaredInside.Contains(symbol) || symbol is IParameterSymbol { IsThis: true } || IsMethodLevelConstant(symbol)
                || (!used.Contains(symbol) && !isHeader))
            {
                continue;
            }

            bool byRef = isHeader || written.Contains(symbol);
            if (!CanPass(symbol))
            {
                refusal = "'" + symbol.Name + "' is not an ordinary local or by-value parameter of a nameable, non-ref-like type that no lambda captures";
                return null;
            }

            if (byRef && !isHeader && !assigned.Contains(symbol))
            {
                refusal = "'" + symbol.Name + "' is written by the loop but not definitely assigned before it";
                return null;
            }

            variables.Add(LoopVariable.Of(symbol, byRef));
        }

        return variables;
    }

    /// <summary>An ordinary local or by-value parameter of a nameable type that no nested function captures.</summary>
    public bool CanPass(ISymbol symbol)
    {
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol { IsRef: false, IsConst: false } local => local.Type,
            IParameterSymbol { RefKind: RefKind.None } parameter => parameter.Type,
            _ => null,
        };
        if (type is null || type.IsRefLikeType || !TypeNames.IsNameable(type))
        {
            return false;
        }

        _captured ??= _model.AnalyzeDataFlow(_methodBody)?.Captured ?? ImmutableArray<ISymbol>.Empty;
        return !_captured.Value.Contains(symbol, SymbolEqualityComparer.Default);
    }

    /// <summary>A <c>const</c> local declared in the method's own block: the helper, a local function of that block, sees it as it is.</summary>
    private bool IsMethodLevelConstant(ISymbol symbol) =>
        symbol is ILocalSymbol { IsConst: true } constant
        && constant.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken).FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()?.Parent == _methodBody;
}
