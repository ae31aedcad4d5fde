using System.Collections.Immutable;
using System.Linq;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH015 (staticcheck SA5002, SA5004): loops in goroutine code that spin: an empty body
/// (<c>while (true) { }</c>, or a loop that only re-reads a flag, <c>while (!done) { }</c>), and an
/// endless loop (<c>for (;;)</c>, <c>while (true)</c>) whose only statement is
/// <c>switch (Select(..., Default))</c> with nothing to do in the default case. They never park, so they keep a thread busy and, until preempted, starve the
/// goroutines that would change what they wait for.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH015SpinLoopAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH015";

    /// <summary>Diagnostic property naming the fix: <see cref="GoschedFix"/> or <see cref="DropDefaultFix"/>.</summary>
    public const string FixProperty = "Fix";

    /// <summary>Insert <c>Gosched()</c> in the empty body.</summary>
    public const string GoschedFix = "Gosched";

    /// <summary>Drop the <c>Default</c> case, so that <c>Select</c> blocks.</summary>
    public const string DropDefaultFix = "DropDefault";

    /// <summary>Creates the analyzer.</summary>
    public GOSH015SpinLoopAnalyzer()
        : base(DiagnosticDescriptors.SpinLoop)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, goroutines),
            SyntaxKind.WhileStatement, SyntaxKind.ForStatement, SyntaxKind.DoStatement);

    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var loop = (StatementSyntax)context.Node;
        (StatementSyntax body, ExpressionSyntax? condition) = loop switch
        {
            WhileStatementSyntax w => (w.Statement, w.Condition),
            DoStatementSyntax d => (d.Statement, d.Condition),
            ForStatementSyntax f => (f.Statement, f.Condition),
            _ => (loop, null),
        };

        bool emptyBody = body is EmptyStatementSyntax or BlockSyntax { Statements.Count: 0 };
        if (loop is ForStatementSyntax { Incrementors.Count: > 0 } || (!emptyBody && SelectSwitch(body) is null))
        {
            // A counted loop does work in its incrementor and ends; any other body is not a spin of either kind.
            return;
        }

        // A constant condition: true spins for ever, false never runs (SA5002 does not flag `for false {}`).
        object? constant = condition is null ? true : context.SemanticModel.GetConstantValue(condition, context.CancellationToken).Value;
        if (constant is false)
        {
            return;
        }

        string? problem = null;
        string? advice = null;
        string? fix = null;
        if (emptyBody)
        {
            if (constant is true)
            {
                problem = "has an empty body";
            }
            else if (!condition!.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or AwaitExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }))
            {
                problem = "only re-reads '" + condition + "'";
            }

            advice = "wait on a channel, a WaitGroup or a Cond instead, or at least call Gosched() in the loop";
            fix = GoschedFix;
        }
        else if (constant is true && IsSelectWithIdleDefault(body, context.SemanticModel, goroutines, context.CancellationToken))
        {
            // Only a loop that nothing else ends, as SA5004: one with a condition may be waiting for it.
            problem = "polls a Select whose Default case does nothing";
            advice = "drop the Default case so that Select parks until a case is ready";
            fix = DropDefaultFix;
        }

        if (problem is null || goroutines.EnclosingGoroutine(loop, context.SemanticModel, context.CancellationToken) is null)
        {
            return;
        }

        SyntaxToken keyword = loop switch
        {
            WhileStatementSyntax w => w.WhileKeyword,
            DoStatementSyntax d => d.DoKeyword,
            ForStatementSyntax f => f.ForKeyword,
            _ => loop.GetFirstToken(),
        };
        context.ReportDiagnostic(Diagnostic.Create(Descriptor, keyword.GetLocation(), ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix), problem, advice));
    }

    /// <summary>
    /// True if <paramref name="body"/> is (a block holding only) <c>switch (Select(..., Default))</c>
    /// whose section for the Default case is missing or only breaks.
    /// </summary>
    private static bool IsSelectWithIdleDefault(StatementSyntax body, SemanticModel model, GoroutineCode goroutines, System.Threading.CancellationToken cancellationToken) =>
        SelectSwitch(body) is SwitchStatementSyntax select
        && DefaultCaseIndex(select, model, goroutines, cancellationToken) is int index
        && DefaultSection(select, index) is var section
        && (section is null || section.Statements.All(s => s is BreakStatementSyntax));

    /// <summary>The <c>switch (Select(...))</c> that is the whole loop body.</summary>
    public static SwitchStatementSyntax? SelectSwitch(StatementSyntax body) => body switch
    {
        SwitchStatementSyntax s => s,
        BlockSyntax { Statements.Count: 1 } block => block.Statements[0] as SwitchStatementSyntax,
        _ => null,
    };

    /// <summary>The position of the <c>Default</c> argument of the switch's <c>Select</c> call.</summary>
    private static int? DefaultCaseIndex(SwitchStatementSyntax select, SemanticModel model, GoroutineCode goroutines, System.Threading.CancellationToken cancellationToken)
    {
        if (select.Expression is not InvocationExpressionSyntax call
            || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
            || !goroutines.Known.IsSelect(method.OriginalDefinition))
        {
            return null;
        }

        SeparatedSyntaxList<ArgumentSyntax> arguments = call.ArgumentList.Arguments;
        for (int i = 0; i < arguments.Count; i++)
        {
            if (model.GetSymbolInfo(arguments[i].Expression, cancellationToken).Symbol is IPropertySymbol { Name: "Default" } property
                && SymbolEqualityComparer.Default.Equals(property.ContainingType, goroutines.Known.Go))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The section run for the Default case: <c>case index:</c>, else <c>default:</c>; null if none.</summary>
    public static SwitchSectionSyntax? DefaultSection(SwitchStatementSyntax select, int index) =>
        select.Sections.FirstOrDefault(s => s.Labels.Any(l => l is CaseSwitchLabelSyntax { Value: LiteralExpressionSyntax literal } && literal.Token.Value is int value && value == index))
        ?? select.Sections.FirstOrDefault(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax));
}
