using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// The local functions of a <c>[Goroutine]</c> method that the twin turns into async local
/// functions, so that their blocking operations park: those that park (a park site of their own,
/// or a call to another such local function) and that do not escape. A local function escapes
/// when it is used other than by a direct call from code that can await — goroutine code outside
/// a <c>lock</c>, <c>unsafe</c> block or exception filter: the method's body, a go statement's
/// lambda or another such local function. Converted to a delegate, called from a lambda handed to
/// another API, or with a signature an async function cannot have (<c>ref</c>/<c>out</c>/<c>in</c>
/// parameters, ref structs, pointers, iterators, already <c>async</c>), it stays synchronous and
/// its blocking operations block the thread (GOSH007). Shared by the generator and the analyzers.
/// </summary>
internal static class ParkingLocalFunctions
{
    /// <summary>The local functions in <paramref name="body"/> that become async in the twin.</summary>
    /// <param name="body">The <c>[Goroutine]</c> method's body.</param>
    /// <param name="model">The semantic model of its file.</param>
    /// <param name="known">GoSharp's well-known symbols.</param>
    /// <param name="bySignature">
    /// Classify calls to <c>[Goroutine]</c> methods by signature only (see
    /// <see cref="ParkSites.ClassifyBySignature"/>): a superset, for rules that must not recurse
    /// into other methods' bodies.
    /// </param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public static HashSet<LocalFunctionStatementSyntax> Find(SyntaxNode body, SemanticModel model, KnownSymbols known, bool bySignature, CancellationToken cancellationToken)
    {
        var parking = new HashSet<LocalFunctionStatementSyntax>(
            body.DescendantNodes().OfType<LocalFunctionStatementSyntax>().Where(f => CanBeAsync(f, model, cancellationToken)));
        if (parking.Count == 0)
        {
            return parking;
        }

        var symbols = parking.ToDictionary(
            f => (ISymbol)model.GetDeclaredSymbol(f, cancellationToken)!,
            f => f,
            SymbolEqualityComparer.Default);
        var references = body.DescendantNodes().OfType<SimpleNameSyntax>()
            .Select(name => (Name: name, Function: model.GetSymbolInfo(name, cancellationToken).Symbol))
            .Where(r => r.Function is not null && symbols.ContainsKey(r.Function))
            .Select(r => (r.Name, Function: symbols[r.Function!]))
            .ToList();

        // Shrink to a fixed point: a function that neither parks nor calls a parking function,
        // or that escapes, or that the rewriter never reaches, leaves the set; which may make
        // another one escape or stop parking.
        bool changed = true;
        while (changed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (LocalFunctionStatementSyntax function in parking.ToList())
            {
                bool parks = ParksDirectly(function, body, model, known, bySignature, cancellationToken)
                    || references.Any(r => parking.Contains(r.Function) && r.Function != function && EnclosingFunction(r.Name, body) == function);
                bool escapes = references.Any(r => r.Function == function && !IsAwaitableCall(r.Name, body, model, known, parking, cancellationToken));
                if (!parks || escapes || !IsRewritten(function, body, model, known, parking, cancellationToken))
                {
                    parking.Remove(function);
                    changed = true;
                }
            }
        }

        return parking;
    }

    /// <summary>True if <paramref name="call"/> is a call to one of <paramref name="parking"/> that the rewriter awaits.</summary>
    public static bool IsParkingCall(InvocationExpressionSyntax call, SemanticModel model, HashSet<LocalFunctionStatementSyntax> parking, CancellationToken cancellationToken) =>
        parking.Count > 0
        && call.Expression is IdentifierNameSyntax or GenericNameSyntax
        && model.GetSymbolInfo(call.Expression, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } function
        && function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is LocalFunctionStatementSyntax declaration
        && parking.Contains(declaration);

    private static bool CanBeAsync(LocalFunctionStatementSyntax function, SemanticModel model, CancellationToken cancellationToken)
    {
        if (function.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.ExternKeyword))
            || (function.Body is null && function.ExpressionBody is null)
            || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol symbol
            || function.DescendantNodes().OfType<YieldStatementSyntax>().Any(y => y.Ancestors().OfType<LocalFunctionStatementSyntax>().First() == function)
            || symbol.ReturnsByRef || symbol.ReturnsByRefReadonly
            || (!symbol.ReturnsVoid && !CanBeTaskResult(symbol.ReturnType)))
        {
            return false;
        }

        return symbol.Parameters.All(p => p.RefKind == RefKind.None && !p.Type.IsRefLikeType && p.Type is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol));
    }

    private static bool CanBeTaskResult(ITypeSymbol type) =>
        !type.IsRefLikeType && type is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol);

    /// <summary>A park site in the function's own code (not in its nested functions, except a go statement's lambda).</summary>
    private static bool ParksDirectly(LocalFunctionStatementSyntax function, SyntaxNode body, SemanticModel model, KnownSymbols known, bool bySignature, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode node in function.DescendantNodes())
        {
            bool parks = node switch
            {
                InvocationExpressionSyntax call => (bySignature
                    ? ParkSites.ClassifyBySignature(call, model, known, cancellationToken)
                    : ParkSites.Classify(call, model, known, cancellationToken)) != ParkKind.None,
                CommonForEachStatementSyntax forEach => ParkSites.IsAwaitableForEach(forEach, model, known),
                _ => false,
            };
            if (parks && EnclosingFunction(node, body) == function && InAwaitableContext(node, function))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The nearest local function around <paramref name="node"/>, or null when a lambda, query or the method body comes first.</summary>
    private static LocalFunctionStatementSyntax? EnclosingFunction(SyntaxNode node, SyntaxNode body)
    {
        for (SyntaxNode? current = node.Parent; current is not null && current != body; current = current.Parent)
        {
            switch (current)
            {
                case LocalFunctionStatementSyntax function:
                    return function;
                case AnonymousFunctionExpressionSyntax or QueryExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>True if no lock body, unsafe block or exception filter lies between <paramref name="node"/> and <paramref name="function"/>.</summary>
    private static bool InAwaitableContext(SyntaxNode node, SyntaxNode function)
    {
        SyntaxNode child = node;
        for (SyntaxNode? current = node.Parent; current is not null && current != function; child = current, current = current.Parent)
        {
            if ((current is LockStatementSyntax lockStatement && child == lockStatement.Statement)
                || current is UnsafeStatementSyntax or CatchFilterClauseSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True if <paramref name="name"/> is the target of a direct call in code the rewriter turns into awaiting code.</summary>
    private static bool IsAwaitableCall(SimpleNameSyntax name, SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<LocalFunctionStatementSyntax> parking, CancellationToken cancellationToken) =>
        name.Parent is InvocationExpressionSyntax call
        && call.Expression == name
        && InGoroutineCode(call, body, model, known, parking, allowForbidden: false, cancellationToken);

    /// <summary>True if the rewriter visits <paramref name="function"/>'s declaration (so it can rewrite its body).</summary>
    private static bool IsRewritten(LocalFunctionStatementSyntax function, SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<LocalFunctionStatementSyntax> parking, CancellationToken cancellationToken) =>
        InGoroutineCode(function, body, model, known, parking, allowForbidden: true, cancellationToken);

    /// <summary>
    /// Walks out from <paramref name="node"/> to the method body: goroutine code unless a nested
    /// function other than a go statement's lambda or a parking local function comes first, or
    /// (unless <paramref name="allowForbidden"/>) a lock body, unsafe block or exception filter.
    /// </summary>
    private static bool InGoroutineCode(SyntaxNode node, SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<LocalFunctionStatementSyntax> parking, bool allowForbidden, CancellationToken cancellationToken)
    {
        SyntaxNode child = node;
        for (SyntaxNode? current = node.Parent; current is not null && current != body; child = current, current = current.Parent)
        {
            switch (current)
            {
                case LocalFunctionStatementSyntax function:
                    return parking.Contains(function);
                case AnonymousFunctionExpressionSyntax lambda:
                    // A go statement's lambda is a goroutine of its own: the rewriter reaches it
                    // wherever the go statement is, a lock included.
                    return ParkSites.GoStatementOf(lambda, model, known, cancellationToken) is not null
                        && InGoroutineCode(lambda, body, model, known, parking, allowForbidden: true, cancellationToken);
                case QueryExpressionSyntax:
                    return false;
                case LockStatementSyntax lockStatement when child == lockStatement.Statement && !allowForbidden:
                    return false;
                case UnsafeStatementSyntax or CatchFilterClauseSyntax when !allowForbidden:
                    return false;
            }
        }

        return true;
    }
}
