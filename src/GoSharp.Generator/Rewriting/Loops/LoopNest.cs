using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// A two-level loop nest that <see cref="LoopOutliner"/> runs in one helper: an outer
/// <c>for</c>/<c>while</c> loop whose body is an inner <c>for</c>/<c>while</c> loop, or a block of
/// some statements, one inner loop, and some more statements. Outlining only the inner loop leaves the outer one in the async
/// state machine, with its locals in fields, calling a helper per iteration (~72% of the speed
/// of a nest with a one-cycle body); in one helper the nest keeps its speed. The inner loop polls,
/// so the helper must be able to return to yield from inside it and carry on there when called
/// again; it is rewritten as
/// <code>
/// for (; ; a++) { if (!__goInner) { if (!(poll &amp;&amp; (a &lt; n))) break;
///     row = a * n;                                    // pre: its declarations hoisted
///     b = 0; __goInner = true; } for (; poll &amp;&amp; (b &lt; n); b++) { … }
///     if (__goYield) break; __goInner = false;
///     post; }
/// </code>
/// where <c>__goInner</c>, the inner loop's header variables and the pre statements' locals are
/// the twin's (passed by <c>ref</c>), so a call after a yield skips the outer test and the pre
/// statements and resumes the inner loop. <c>continue</c> and <c>break</c> in the pre and post
/// statements still reach the outer loop, and in the inner body the inner loop. Every replaced
/// piece is on one line, so the nest keeps its line breaks (<c>#line</c> mapping).
/// </summary>
internal sealed class LoopNest
{
    private readonly BlockSyntax? _body;

    private LoopNest(StatementSyntax outer, BlockSyntax? body, StatementSyntax inner, IReadOnlyList<StatementSyntax> pre)
    {
        Outer = outer;
        _body = body;
        Inner = inner;
        Pre = pre;
    }

    /// <summary>The outer loop.</summary>
    public StatementSyntax Outer { get; }

    /// <summary>The inner loop.</summary>
    public StatementSyntax Inner { get; }

    /// <summary>The outer body's statements before the inner loop.</summary>
    public IReadOnlyList<StatementSyntax> Pre { get; }

    /// <summary>The nest whose outer loop is <paramref name="outer"/>, or null if it does not have that shape.</summary>
    public static LoopNest? Of(StatementSyntax outer)
    {
        StatementSyntax? statement = outer switch
        {
            ForStatementSyntax f => f.Statement,
            WhileStatementSyntax w => w.Statement,
            _ => null,
        };
        if (statement is ForStatementSyntax or WhileStatementSyntax)
        {
            // for (...) for (...) body: no braces, nothing before or after the inner loop.
            return OnOneLine(outer, HeaderOf(outer)) && OnOneLine(statement, HeaderOf(statement))
                ? new LoopNest(outer, body: null, statement, new StatementSyntax[0])
                : null;
        }

        if (statement is not BlockSyntax body)
        {
            return null;
        }

        var loops = body.Statements.Where(IsLoop).ToList();
        if (loops.Count != 1 || loops[0] is not (ForStatementSyntax or WhileStatementSyntax))
        {
            return null;
        }

        StatementSyntax inner = loops[0];
        var pre = body.Statements.TakeWhile(s => s != inner).ToList();
        bool plainPre = pre.All(s => s is not LocalDeclarationStatementSyntax declaration
                || (declaration.Modifiers.Count == 0 && !declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                    && declaration.Declaration.Variables.All(v => v.Initializer is not null)))
            && !pre.Any(s => s.DescendantNodes().Any(n => n is DeclarationExpressionSyntax or DeclarationPatternSyntax or VarPatternSyntax or RecursivePatternSyntax));
        return plainPre && OnOneLine(outer, HeaderOf(outer)) && OnOneLine(inner, HeaderOf(inner))
            ? new LoopNest(outer, body, inner, pre)
            : null;
    }

    /// <summary>The locals the pre statements declare at the top of the outer body: they must live in the twin.</summary>
    public IEnumerable<VariableDeclaratorSyntax> PreDeclarators =>
        Pre.OfType<LocalDeclarationStatementSyntax>().SelectMany(d => d.Declaration.Variables);

    /// <summary>
    /// The helper's loop text.
    /// </summary>
    /// <param name="condition">The outer loop's condition, or <c>true</c>.</param>
    /// <param name="incrementors">The outer <c>for</c>'s incrementors, comma-separated.</param>
    /// <param name="innerStart">What the inner loop's header declared or initialised, as statements (<c>b = 0; </c>).</param>
    /// <param name="innerLoop">The inner loop, polling, without its header's declarations.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public string Text(string condition, string incrementors, string innerStart, string innerLoop, CancellationToken cancellationToken)
    {
        string test = "if (!" + GeneratedNames.LoopInner + ") { if (!(" + GeneratedNames.LoopPoll + " && (" + condition + "))) break;";
        string inner = innerStart + GeneratedNames.LoopInner + " = true; } " + innerLoop + " if (" + GeneratedNames.LoopYield + ") break; " + GeneratedNames.LoopInner + " = false;";
        var edits = new List<(TextSpan Span, string Text)> { (HeaderOf(Outer), "for (; ; " + incrementors + ")") };
        if (_body is null)
        {
            edits.Add((Inner.Span, "{ " + test + " " + inner + " }"));
        }
        else
        {
            edits.Add((new TextSpan(_body.OpenBraceToken.Span.End, 0), " " + test));
            edits.Add((Inner.Span, inner));
        }

        foreach (LocalDeclarationStatementSyntax declaration in Pre.OfType<LocalDeclarationStatementSyntax>())
        {
            // int x = 1, y = 2;  →   x = 1; y = 2;
            edits.Add((declaration.Declaration.Type.Span, ""));
            edits.AddRange(declaration.Declaration.Variables.GetSeparators().Select(comma => (comma.Span, ";")));
        }

        string text = Outer.SyntaxTree.GetText(cancellationToken).ToString(Outer.Span);
        foreach ((TextSpan span, string replacement) in edits.OrderByDescending(e => e.Span.Start))
        {
            int start = span.Start - Outer.SpanStart;
            text = text.Substring(0, start) + replacement + text.Substring(start + span.Length);
        }

        return text;
    }

    private static bool IsLoop(SyntaxNode node) =>
        node is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax;

    /// <summary>From the keyword to the closing parenthesis.</summary>
    private static TextSpan HeaderOf(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax f => TextSpan.FromBounds(f.ForKeyword.SpanStart, f.CloseParenToken.Span.End),
        WhileStatementSyntax w => TextSpan.FromBounds(w.WhileKeyword.SpanStart, w.CloseParenToken.Span.End),
        _ => loop.Span,
    };

    private static bool OnOneLine(SyntaxNode node, TextSpan span) =>
        node.SyntaxTree.GetText().ToString(span).IndexOf('\n') < 0;
}
