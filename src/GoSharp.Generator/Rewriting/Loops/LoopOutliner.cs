using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// Runs a loop with no park site as plain synchronous code. In an async twin a loop's locals
/// live in the state machine and a tight loop keeps only ~60% of its speed; moved into a
/// synchronous local function they are registers again, and the loop polls the goroutine's
/// <c>PreemptionFlag</c> at each back-edge, returning to the twin only to yield:
/// <code>
/// for (int i = 0; i &lt; n; i++) { sum += i; }
/// // twin, on the loop's lines:
/// { int i = 0; while (__goLoop0(ref i, ref sum, n, __goPreempt0)) await Preemption.Checkpoint(); }
/// // local function at the end of the twin's body, #line-mapped to the loop's lines:
/// bool __goLoop0(ref int __goRef_i, ref long __goRef_sum, int n, PreemptionFlag __goFlag)
/// { var i = __goRef_i; var sum = __goRef_sum; bool __goYield = false;
///   for (; (!__goFlag.IsRequested || !(__goYield = true)) &amp;&amp; (i &lt; n); i++) { sum += i; }
///   __goRef_i = i; __goRef_sum = sum; return __goYield; }
/// </code>
/// The flag is tested before the condition (as a branch: <c>__goYield</c> is only set on the way
/// out), so a yield leaves after the incrementors and re-entry continues with the condition, as
/// the loop would; <c>break</c> leaves with <c>__goYield</c> false and <c>continue</c> goes through
/// the test. Inside a <c>try</c> the copy-out is in a <c>finally</c>, so a handler sees what the
/// loop wrote before it threw.
/// </summary>
/// <remarks>
/// Three steps, three types: <see cref="OutliningRules"/> decides whether the loop's shape
/// qualifies, <see cref="LoopDataFlow"/> which variables the helper takes and how, and
/// <see cref="LoopHelperWriter"/> (with <see cref="StripMining"/> and <see cref="LoopNest"/>)
/// writes the helper. A loop that does not qualify keeps the in-place checkpoint
/// (<c>if (flag.IsRequested) await Checkpoint();</c>), and the reason is kept in
/// <see cref="Refusals"/>.
/// </remarks>
internal sealed class LoopOutliner
{
    private readonly SemanticModel _model;
    private readonly SyntaxNode _methodBody;
    private readonly OutliningRules _rules;
    private readonly LoopDataFlow _dataFlow;
    private readonly LoopHelperWriter _writer;
    private readonly CancellationToken _cancellationToken;

    public LoopOutliner(SemanticModel model, KnownSymbols known, SyntaxNode methodBody, HashSet<SyntaxNode> parkingFunctions, CancellationToken cancellationToken)
    {
        _model = model;
        _methodBody = methodBody;
        _cancellationToken = cancellationToken;
        _rules = new OutliningRules(model, known, methodBody, parkingFunctions, cancellationToken);
        _dataFlow = new LoopDataFlow(model, methodBody, cancellationToken);
        _writer = new LoopHelperWriter(model, _dataFlow, new StripMining(model, cancellationToken), cancellationToken);
    }

    /// <summary>The local functions to append to the twin's body, each with the 1-based user line it starts on.</summary>
    public List<LoopHelperSpec> Helpers { get; } = new();

    /// <summary>The loops that keep the in-place checkpoint, each with its 1-based line and why.</summary>
    public List<(int Line, string Reason)> Refusals { get; } = new();

    /// <summary>
    /// If <paramref name="loop"/> (an original node) can be outlined, records its helper and
    /// returns the statement that replaces it in the twin (same number of lines); otherwise
    /// records why not and returns null.
    /// </summary>
    /// <param name="loop">The user's loop.</param>
    /// <param name="flag">The twin's <c>PreemptionFlag</c> variable.</param>
    public StatementSyntax? TryOutline(StatementSyntax loop, string flag)
    {
        StatementSyntax? replacement = null;
        string? refusal = _rules.Refusal(loop, out LoopNest? nest) ?? Outline(loop, nest, flag, out replacement);
        if (refusal is not null)
        {
            Refusals.Add((LineOf(loop), refusal));
        }

        return replacement;
    }

    /// <summary>Outlines a loop whose shape qualifies; the refusal if its variables or collection do not.</summary>
    private string? Outline(StatementSyntax loop, LoopNest? nest, string flag, out StatementSyntax? replacement)
    {
        replacement = null;
        if (_dataFlow.Variables(loop, out string headerStatements, out string? refusal) is not List<LoopVariable> variables)
        {
            return refusal;
        }

        string number = Helpers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string name = GeneratedNames.LoopHelperPrefix + number;
        LoopShape? shape = nest is not null ? _writer.NestShape(nest, number)
            : loop is CommonForEachStatementSyntax forEach ? _writer.ForEachShape(forEach, number)
            : _writer.PlainShape(loop);
        if (shape is null)
        {
            return nest is not null ? "a variable of the nest that cannot be passed to the helper" : "a foreach collection that spans lines";
        }

        headerStatements += shape.Value.Setup;
        variables.AddRange(shape.Value.State);

        string indentation = string.Concat(loop.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToFullString()));
        Helpers.Add(new LoopHelperSpec(LineOf(loop), indentation + LoopHelperWriter.Helper(name, variables, shape.Value.Body, NeedsCopyOutOnThrow(loop))));

        string call = name + "(" + string.Concat(variables.Select(v => (v.ByRef ? "ref " : "") + v.Argument + ", ")) + flag + ")";

        // A loop that never ends but by throwing (while (true) without break) stays one for the
        // compiler's reachability analysis: the helper then only ever returns to yield.
        string statement = _model.AnalyzeControlFlow(loop)?.EndPointIsReachable == false
            ? "while (true) { " + call + "; " + GeneratedNames.CheckpointStatement + " }"
            : "while (" + call + ") " + GeneratedNames.CheckpointStatement;
        if (headerStatements.Length > 0)
        {
            statement = "{ " + headerStatements + statement + " }";
        }

        int lineBreaks = loop.ToString().Count(c => c == '\n');
        var trailing = Enumerable.Repeat(EndOfLine("\n"), lineBreaks).Concat(loop.GetTrailingTrivia());
        replacement = ParseStatement(statement).WithLeadingTrivia(loop.GetLeadingTrivia()).WithTrailingTrivia(trailing);
        return null;
    }

    /// <summary>Inside a <c>try</c>, a handler or <c>finally</c> may read what the loop wrote before throwing.</summary>
    private bool NeedsCopyOutOnThrow(StatementSyntax loop) =>
        loop.Ancestors().TakeWhile(a => a != _methodBody).Any(a => a is TryStatementSyntax);

    private int LineOf(SyntaxNode node) =>
        node.SyntaxTree.GetLineSpan(node.Span, _cancellationToken).StartLinePosition.Line + 1;
}
