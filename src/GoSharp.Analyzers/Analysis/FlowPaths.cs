using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GoSharp.Analyzers.Analysis;

/// <summary>
/// Paths through a function's control-flow graph (Roslyn's <see cref="ControlFlowGraph"/> of the
/// operation tree), for the rules that ask whether something happens on every path: a cancel
/// (GOSH018), a <c>Done</c> (GOSH013), a ticker left running (GOSH020). A path ends when it leaves
/// the function (by its end or a <c>return</c>, or by an uncaught <c>throw</c> when asked), comes
/// back to where it started (a loop), or meets an operation that stops it. A call to a
/// <c>[DoesNotReturn]</c> method (<c>Environment.Exit</c>) ends a path harmlessly, as Go's vet
/// treats <c>os.Exit</c>. Exceptions that calls may throw are not paths: a goroutine's exception
/// fails its run, as a panic ends a Go program.
/// </summary>
internal static class FlowPaths
{
    /// <summary>How a path found by <see cref="Find"/> ends.</summary>
    public enum Ending
    {
        /// <summary>It leaves the function normally: at its end or through a <c>return</c>.</summary>
        Returns,

        /// <summary>It leaves the function through a <c>throw</c> that no <c>catch</c> of the function handles.</summary>
        Throws,

        /// <summary>It comes back to the start: the start is in a loop.</summary>
        Repeats,
    }

    /// <summary>
    /// The graph of <paramref name="function"/>: a method, constructor or accessor, or a lambda or
    /// local function inside one (whose graph is taken from its parent's); null elsewhere (a field
    /// initializer) or when the code does not bind.
    /// </summary>
    public static ControlFlowGraph? GraphOf(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        // The nested functions from the member down to the function, innermost first.
        var nested = new List<SyntaxNode>();
        SyntaxNode? member = function;
        while (member is not null && Functions.IsNested(member))
        {
            nested.Add(member);
            member = Functions.Enclosing(member);
        }

        if (member is null)
        {
            return null;
        }

        ControlFlowGraph? graph = model.GetOperation(member, cancellationToken) switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            _ => null,
        };
        for (int i = nested.Count - 1; i >= 0 && graph is not null; i--)
        {
            graph = NestedGraph(graph, nested[i], model, cancellationToken);
        }

        return graph;
    }

    /// <summary>
    /// Where the operation for <paramref name="syntax"/> is: the block, and the index of the
    /// operation in it that holds it (the block's operation count when it is in the block's
    /// branch value). When the graph spreads the expression over several operations, the last.
    /// </summary>
    public static (BasicBlock Block, int Index)? Find(ControlFlowGraph graph, SyntaxNode syntax) =>
        Find(graph, syntax, o => o.Syntax == syntax);

    /// <summary>
    /// As <see cref="Find(ControlFlowGraph, SyntaxNode)"/>, for the operations of
    /// <paramref name="syntax"/> that <paramref name="matches"/> picks: a <c>foreach</c> gives its
    /// collection's syntax both to the call that makes the collection and to the enumerator's
    /// <c>MoveNext</c> inside the loop.
    /// </summary>
    public static (BasicBlock Block, int Index)? Find(ControlFlowGraph graph, SyntaxNode syntax, Func<IOperation, bool> matches)
    {
        (BasicBlock, int)? found = null;
        foreach (BasicBlock block in graph.Blocks)
        {
            for (int i = 0; i < block.Operations.Length; i++)
            {
                if (Holds(block.Operations[i], syntax, matches))
                {
                    found = (block, i);
                }
            }

            if (block.BranchValue is IOperation value && Holds(value, syntax, matches))
            {
                found = (block, block.Operations.Length);
            }
        }

        return found;
    }

    /// <summary>
    /// A path from just after <paramref name="start"/> (from the function's entry when null) that
    /// ends in a way <paramref name="endings"/> asks for without meeting an operation for which
    /// <paramref name="stops"/> is true; its ending and the block it leaves from, or null if there
    /// is none. Code in a <c>try</c> with a <c>catch</c> may go on in the catch: the code provides
    /// that path itself. <paramref name="neverTaken"/> names branches that cannot happen (a loop
    /// over a channel that is never closed cannot end).
    /// </summary>
    public static (Ending Ending, BasicBlock From)? Find(
        ControlFlowGraph graph,
        (BasicBlock Block, int Index)? start,
        Func<IOperation, bool> stops,
        ISet<Ending> endings,
        Func<BasicBlock, ControlFlowBranch, bool>? neverTaken = null)
    {
        BasicBlock first = start?.Block ?? graph.Blocks[0];
        var seen = new HashSet<BasicBlock> { first };
        var work = new Stack<(BasicBlock Block, int From)>();
        work.Push((first, start is { } s ? s.Index + 1 : 0));
        while (work.Count > 0)
        {
            (BasicBlock block, int from) = work.Pop();
            int stop = FirstStop(block, from, stops);
            int end = stop >= 0 ? stop : block.Operations.Length + (block.BranchValue is null ? 0 : 1);
            if (end > from)
            {
                // Something here runs before any stop and may throw into a catch of the function.
                foreach (BasicBlock handler in Handlers(graph, block, stops, out _))
                {
                    Enter(handler);
                }
            }

            if (stop >= 0)
            {
                continue;
            }

            foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch is null
                    || IsRuledOutByConstant(block, branch)
                    || (neverTaken?.Invoke(block, branch) ?? false)
                    || branch.FinallyRegions.Any(r => Stops(graph, r, stops)))
                {
                    continue;
                }

                if (branch.Destination is not BasicBlock next)
                {
                    if (branch.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow && endings.Contains(Ending.Throws))
                    {
                        IEnumerable<BasicBlock> handlers = Handlers(graph, block, stops, out bool escapes);
                        foreach (BasicBlock handler in handlers)
                        {
                            Enter(handler);
                        }

                        if (escapes)
                        {
                            return (Ending.Throws, block);
                        }
                    }

                    // The end of a finally or catch region, program termination, or a throw not asked about.
                    continue;
                }

                if (next.Kind == BasicBlockKind.Exit)
                {
                    if (endings.Contains(Ending.Returns))
                    {
                        return (Ending.Returns, block);
                    }
                }
                else if (next == first && start is not null)
                {
                    if (endings.Contains(Ending.Repeats))
                    {
                        return (Ending.Repeats, block);
                    }
                }
                else
                {
                    Enter(next);
                }
            }
        }

        return null;

        void Enter(BasicBlock next)
        {
            if (next.IsReachable && seen.Add(next))
            {
                work.Push((next, 0));
            }
        }
    }

    /// <summary>
    /// True for the branch a constant condition never takes: the exit of <c>while (true)</c>. The
    /// graph keeps that branch (its target may be reachable another way), so the walk must skip it.
    /// </summary>
    private static bool IsRuledOutByConstant(BasicBlock block, ControlFlowBranch branch)
    {
        if (block.ConditionKind == ControlFlowConditionKind.None
            || block.BranchValue?.ConstantValue is not { HasValue: true, Value: bool value })
        {
            return false;
        }

        bool conditionalTaken = value == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        return branch == block.ConditionalSuccessor ? !conditionalTaken : conditionalTaken;
    }

    /// <summary>True if <paramref name="operation"/> calls a method marked <c>[DoesNotReturn]</c>.</summary>
    public static bool NeverReturns(IOperation operation) =>
        operation is IInvocationOperation invocation
        && invocation.TargetMethod.GetAttributes().Any(a => a.AttributeClass is { Name: "DoesNotReturnAttribute" } type
            && type.ContainingNamespace?.ToDisplayString() == "System.Diagnostics.CodeAnalysis");

    /// <summary>
    /// Where an exception thrown at the end of <paramref name="block"/> goes: the catch handlers
    /// of the innermost try around it that has any (every catch is assumed to catch it), through
    /// the finally regions on the way; <paramref name="escapes"/> when it leaves the function.
    /// A finally region that stops the path stops it here too.
    /// </summary>
    private static IEnumerable<BasicBlock> Handlers(ControlFlowGraph graph, BasicBlock block, Func<IOperation, bool> stops, out bool escapes)
    {
        escapes = false;
        for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not ControlFlowRegion tryStatement)
            {
                continue;
            }

            if (tryStatement.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                return tryStatement.NestedRegions
                    .Where(r => r.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler)
                    .Select(r => graph.Blocks[r.FirstBlockOrdinal])
                    .ToList();
            }

            if (tryStatement.Kind == ControlFlowRegionKind.TryAndFinally
                && tryStatement.NestedRegions.FirstOrDefault(r => r.Kind == ControlFlowRegionKind.Finally) is ControlFlowRegion finallyRegion
                && Stops(graph, finallyRegion, stops))
            {
                return Array.Empty<BasicBlock>();
            }
        }

        escapes = true;
        return Array.Empty<BasicBlock>();
    }

    /// <summary>The index of the first operation from <paramref name="from"/> on that stops a path (the operation count for the branch value), or -1.</summary>
    private static int FirstStop(BasicBlock block, int from, Func<IOperation, bool> stops)
    {
        for (int i = from; i < block.Operations.Length; i++)
        {
            if (Stops(block.Operations[i], stops))
            {
                return i;
            }
        }

        return block.BranchValue is IOperation value && from <= block.Operations.Length && Stops(value, stops) ? block.Operations.Length : -1;
    }

    private static bool Stops(ControlFlowGraph graph, ControlFlowRegion region, Func<IOperation, bool> stops)
    {
        for (int i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++)
        {
            if (FirstStop(graph.Blocks[i], 0, stops) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Stops(IOperation operation, Func<IOperation, bool> stops) =>
        operation.DescendantsAndSelf().Any(o => stops(o) || NeverReturns(o));

    private static bool Holds(IOperation operation, SyntaxNode syntax, Func<IOperation, bool> matches) =>
        operation.Syntax.Span.Contains(syntax.Span) && operation.DescendantsAndSelf().Any(matches);

    private static ControlFlowGraph? NestedGraph(ControlFlowGraph parent, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(function, cancellationToken) is IMethodSymbol local && parent.LocalFunctions.Contains(local))
        {
            return parent.GetLocalFunctionControlFlowGraph(local, cancellationToken);
        }

        foreach (BasicBlock block in parent.Blocks)
        {
            IEnumerable<IOperation> operations = block.BranchValue is null ? block.Operations : block.Operations.Append(block.BranchValue);
            foreach (IOperation operation in operations)
            {
                if (operation.Syntax.Span.Contains(function.Span)
                    && operation.DescendantsAndSelf().OfType<IFlowAnonymousFunctionOperation>().FirstOrDefault(f => f.Syntax == function) is IFlowAnonymousFunctionOperation lambda)
                {
                    return parent.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                }
            }
        }

        return null;
    }
}
