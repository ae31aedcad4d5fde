using System.Linq;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>
/// Loops: a preemption checkpoint on every back-edge. A loop with no park site runs as
/// synchronous code in a helper (<see cref="Loops.LoopOutliner"/>); any other keeps an in-place
/// <c>if (flag.IsRequested) await Checkpoint();</c>, and a range over a channel becomes
/// <c>await foreach</c>.
/// </summary>
internal sealed partial class BodyRewriter
{
    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        TryOutline(node) ?? WithBackEdgeCheckpoint((WhileStatementSyntax)base.VisitWhileStatement(node)!);

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        TryOutline(node) ?? WithBackEdgeCheckpoint((DoStatementSyntax)base.VisitDoStatement(node)!);

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        TryOutline(node) ?? WithBackEdgeCheckpoint((ForStatementSyntax)base.VisitForStatement(node)!);

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        if (ParkSites.HasRefStructEnumerator(node, _model))
        {
            return WithoutAwaitsInBody(node);
        }

        string? site = RangeSite(node);
        return RewriteForEach((CommonForEachStatementSyntax)base.VisitForEachStatement(node)!, site);
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        if (ParkSites.HasRefStructEnumerator(node, _model))
        {
            return WithoutAwaitsInBody(node);
        }

        string? site = RangeSite(node);
        return RewriteForEach((CommonForEachStatementSyntax)base.VisitForEachVariableStatement(node)!, site);
    }

    /// <summary>
    /// A <c>foreach</c> over a ref struct enumerator (a span): its collection is rewritten (it is
    /// evaluated before the enumerator exists), its body is not and gets no checkpoint — an async
    /// method cannot keep the enumerator across an await (GOSH006 reports what blocks there).
    /// </summary>
    private CommonForEachStatementSyntax WithoutAwaitsInBody(CommonForEachStatementSyntax node)
    {
        var expression = (ExpressionSyntax)Visit(node.Expression)!;
        using (ForbiddenContext())
        {
            return node.WithExpression(expression).WithStatement((StatementSyntax)Visit(node.Statement)!);
        }
    }

    /// <summary>A backward <c>goto</c> (and <c>goto case</c>/<c>goto default</c>) closes a loop too.</summary>
    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        if (_forbiddenDepth > 0 || !IsBackward(node))
        {
            return node;
        }

        return WithCheckpoint(node);
    }

    /// <summary>
    /// Adds the back-edge checkpoint, and turns a range over a channel into
    /// <c>await foreach (var v in ch.GetAsyncEnumerator().At(site))</c>: every receive announces the loop's line.
    /// </summary>
    private CommonForEachStatementSyntax RewriteForEach(CommonForEachStatementSyntax rewritten, string? site)
    {
        if (_forbiddenDepth > 0)
        {
            return rewritten;
        }

        rewritten = rewritten.WithStatement(WithCheckpoint(rewritten.Statement));
        if (site is null)
        {
            return rewritten;
        }

        string channel = rewritten.Expression.WithoutTrivia().ToFullString();
        if (rewritten.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax))
        {
            channel = "(" + channel + ")";
        }

        ExpressionSyntax ranged = ParseExpression(channel + ".GetAsyncEnumerator().At(" + GeneratedNames.SitesClass + "." + site + ")");
        return rewritten
            .WithExpression(ranged.WithTriviaFrom(rewritten.Expression))
            .WithForEachKeyword(rewritten.ForEachKeyword.WithLeadingTrivia())
            .WithAwaitKeyword(Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(rewritten.ForEachKeyword.LeadingTrivia).WithTrailingTrivia(Space));
    }

    /// <summary>A loop with no park site, run as synchronous code by a helper (see <see cref="Loops.LoopOutliner"/>); null if it stays.</summary>
    private StatementSyntax? TryOutline(StatementSyntax loop)
    {
        if (_forbiddenDepth > 0 || _functionDepth > 0 || _outliner is null)
        {
            return null;
        }

        StatementSyntax? outlined = _outliner.TryOutline(loop, Flag);
        _usesFlag |= outlined is not null;
        return outlined;
    }

    private bool IsBackward(GotoStatementSyntax node)
    {
        if (!node.IsKind(SyntaxKind.GotoStatement))
        {
            return true;
        }

        ISymbol? label = node.Expression is null ? null : _model.GetSymbolInfo(node.Expression, _cancellationToken).Symbol;
        Location? declared = label?.Locations.FirstOrDefault();
        return declared is null || declared.SourceSpan.Start < node.SpanStart;
    }

    /// <summary>A rewritten <c>while</c>, <c>do</c> or <c>for</c> loop with the checkpoint at the start of its body (none where C# cannot await).</summary>
    private StatementSyntax WithBackEdgeCheckpoint(StatementSyntax loop) => _forbiddenDepth > 0 ? loop : loop switch
    {
        WhileStatementSyntax w => w.WithStatement(WithCheckpoint(w.Statement)),
        DoStatementSyntax d => d.WithStatement(WithCheckpoint(d.Statement)),
        ForStatementSyntax f => f.WithStatement(WithCheckpoint(f.Statement)),
        _ => loop,
    };

    /// <summary>A loop body (or goto) with the checkpoint <c>if (flag.IsRequested) await Preemption.Checkpoint();</c> in front, without adding a line.</summary>
    private StatementSyntax WithCheckpoint(StatementSyntax statement)
    {
        _usesFlag = true;
        string checkpoint = "if (" + Flag + ".IsRequested) " + GeneratedNames.CheckpointStatement;
        if (statement is BlockSyntax block)
        {
            return SyntaxEdits.Prepend(block, checkpoint);
        }

        return Block(
            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(Space),
            List(new[] { ParseStatement(checkpoint).WithTrailingTrivia(Space), statement.WithoutTrivia() }),
            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(statement.GetTrailingTrivia()));
    }
}
