using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// Writes an outlined loop's helper: the local function's text, and for each loop shape (plain,
/// <c>foreach</c> by index, two-level nest) the state the twin keeps for it and the helper's loop,
/// polling the preemption flag or strip-mined. Every piece keeps the loop's line breaks.
/// </summary>
internal sealed class LoopHelperWriter
{
    private readonly SemanticModel _model;
    private readonly LoopDataFlow _dataFlow;
    private readonly StripMining _stripMining;
    private readonly CancellationToken _cancellationToken;

    public LoopHelperWriter(SemanticModel model, LoopDataFlow dataFlow, StripMining stripMining, CancellationToken cancellationToken)
    {
        _model = model;
        _dataFlow = dataFlow;
        _stripMining = stripMining;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The helper's text: <c>bool name(params, PreemptionFlag __goFlag) { copy in; loop; copy out; return __goYield; }</c>.
    /// Its first line is the loop's first line, and it keeps every line break of the loop.
    /// </summary>
    public static string Helper(string name, List<LoopVariable> variables, string loop, bool copyOutOnThrow)
    {
        var text = new StringBuilder();
        text.Append("bool ").Append(name).Append('(');
        foreach (LoopVariable variable in variables)
        {
            text.Append(variable.ByRef ? "ref " + variable.Type + " " + variable.RefName : variable.Type + " " + variable.Name).Append(", ");
        }

        text.Append(GeneratedNames.PreemptionFlag).Append(' ').Append(GeneratedNames.LoopFlag).Append(") { ");
        foreach (LoopVariable variable in variables.Where(v => v.ByRef))
        {
            text.Append("var ").Append(variable.Name).Append(" = ").Append(variable.RefName).Append("; ");
        }

        text.Append("bool ").Append(GeneratedNames.LoopYield).Append(" = false; ");
        if (copyOutOnThrow)
        {
            text.Append("try { ");
        }

        text.Append(loop).Append(' ');
        if (copyOutOnThrow)
        {
            text.Append("} finally { ");
        }

        foreach (LoopVariable variable in variables.Where(v => v.ByRef))
        {
            text.Append(variable.RefName).Append(" = ").Append(variable.Name).Append("; ");
        }

        if (copyOutOnThrow)
        {
            text.Append("} ");
        }

        text.Append("return ").Append(GeneratedNames.LoopYield).Append("; }");
        return text.ToString();
    }

    /// <summary>A <c>for</c>, <c>while</c> or <c>do</c> loop: no state of its own; strip-mined or polling.</summary>
    public LoopShape PlainShape(StatementSyntax loop) =>
        new("", new List<LoopVariable>(), _stripMining.StripMined(loop) ?? PollingLoop(loop).WithoutTrivia().ToFullString());

    /// <summary>
    /// A nest's state lives in the twin: what the pre statements and the inner loop's header
    /// declare, and whether the inner loop is under way. Null if a state variable cannot be passed.
    /// </summary>
    public LoopShape? NestShape(LoopNest nest, string number)
    {
        string setup = "";
        var state = new List<LoopVariable>();
        var innerHeader = nest.Inner is ForStatementSyntax { Declaration: VariableDeclarationSyntax d } ? d.Variables : default;
        foreach (VariableDeclaratorSyntax declarator in nest.PreDeclarators.Concat(innerHeader))
        {
            if (_model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local || !_dataFlow.CanPass(local))
            {
                return null;
            }

            LoopVariable variable = LoopVariable.Of(local, byRef: true);
            setup += variable.Type + " " + variable.Name + " = default!; ";
            state.Add(variable);
        }

        setup += "bool " + GeneratedNames.LoopInner + number + " = false; ";
        state.Add(new LoopVariable(GeneratedNames.LoopInner, "bool", true, GeneratedNames.LoopInner + number));
        return new LoopShape(setup, state, NestText(nest));
    }

    /// <summary>The collection is evaluated once, in the twin, as foreach does; the helper walks it by index. Null if it spans lines.</summary>
    public LoopShape? ForEachShape(CommonForEachStatementSyntax forEach, string number)
    {
        string collection = forEach.Expression.WithoutTrivia().ToString();
        if (collection.IndexOf('\n') >= 0)
        {
            return null;
        }

        string collectionType = TypeNames.Of(_model.GetTypeInfo(forEach.Expression, _cancellationToken).Type!);
        return new LoopShape(
            "var " + GeneratedNames.LoopItems + number + " = " + collection + "; int " + GeneratedNames.LoopIndex + number + " = 0; ",
            new List<LoopVariable>
            {
                new(GeneratedNames.LoopItems, collectionType, false, GeneratedNames.LoopItems + number),
                new(GeneratedNames.LoopIndex, "int", true, GeneratedNames.LoopIndex + number),
            },
            IndexedLoop(forEach));
    }

    /// <summary>The helper loop of a nest (see <see cref="LoopNest"/>), its inner loop polling or strip-mined.</summary>
    private string NestText(LoopNest nest)
    {
        (string condition, string incrementors) = nest.Outer switch
        {
            ForStatementSyntax f => (f.Condition?.WithoutTrivia().ToString() ?? "true", string.Join(", ", f.Incrementors.Select(e => e.WithoutTrivia().ToString()))),
            WhileStatementSyntax w => (w.Condition.WithoutTrivia().ToString(), ""),
            _ => throw new System.ArgumentException("not a nest", nameof(nest)),
        };
        string innerStart = "";
        if (nest.Inner is ForStatementSyntax innerFor)
        {
            // for (int b = 0, c = 1; ...) → b = 0; c = 1;   for (b = 0; ...) → b = 0;
            innerStart = string.Concat(
                (innerFor.Declaration?.Variables ?? default).Select(v => v.Identifier.Text + " " + v.Initializer!.WithoutTrivia() + "; ")
                .Concat(innerFor.Initializers.Select(e => e.WithoutTrivia() + "; ")));
        }

        string innerLoop = _stripMining.StripMined(nest.Inner) ?? PollingLoop(nest.Inner).WithoutTrivia().ToFullString();
        return nest.Text(condition, incrementors, innerStart, innerLoop, _cancellationToken);
    }

    /// <summary>
    /// A <c>foreach</c> over an array or string as the indexed loop the compiler makes of it:
    /// <c>for (; poll &amp;&amp; (__goIndex &lt; __goItems.Length); __goIndex++) { var x = __goItems[__goIndex]; body }</c>,
    /// strip-mined when the body qualifies (see <see cref="StripMining"/>).
    /// </summary>
    private string IndexedLoop(CommonForEachStatementSyntax forEach)
    {
        string element = forEach switch
        {
            ForEachStatementSyntax { Type.IsVar: true } single => "var " + single.Identifier.Text,
            ForEachStatementSyntax single => single.Type.WithoutTrivia() + " " + single.Identifier.Text,
            ForEachVariableStatementSyntax deconstruction => deconstruction.Variable.WithoutTrivia().ToString(),
            _ => throw new System.ArgumentException("not a foreach", nameof(forEach)),
        };
        string cast = forEach is ForEachStatementSyntax { Type.IsVar: false } typed && !_model.GetForEachStatementInfo(forEach).ElementConversion.IsIdentity
            ? "(" + typed.Type.WithoutTrivia() + ")"
            : "";
        const string Index = GeneratedNames.LoopIndex;
        const string Items = GeneratedNames.LoopItems;
        string body = "{ " + element + " = " + cast + Items + "[" + Index + "];"
            + forEach.CloseParenToken.TrailingTrivia.ToFullString() + forEach.Statement.ToFullString().TrimEnd() + " }";
        return _stripMining.CanChunk(forEach, forEach.Statement)
            ? StripMining.Chunked(Index, Items + ".Length", wide: false, "for (; " + Index + " < " + GeneratedNames.LoopEnd + "; " + Index + "++) " + body)
            : "for (; " + GeneratedNames.LoopPoll + " && (" + Index + " < " + Items + ".Length); " + Index + "++) " + body;
    }

    /// <summary>The loop without its header declarations, its condition preceded by the flag test.</summary>
    private static StatementSyntax PollingLoop(StatementSyntax loop)
    {
        ExpressionSyntax poll = ParseExpression(GeneratedNames.LoopPoll);
        ExpressionSyntax Guard(ExpressionSyntax? condition) => condition is null
            ? poll.WithLeadingTrivia(Space)
            : BinaryExpression(
                    SyntaxKind.LogicalAndExpression,
                    poll,
                    Token(SyntaxKind.AmpersandAmpersandToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                    ParenthesizedExpression(condition.WithoutTrivia()))
                .WithTriviaFrom(condition);

        return loop switch
        {
            ForStatementSyntax f => f
                .WithDeclaration(null)
                .WithInitializers(default)
                .WithCondition(Guard(f.Condition)),
            WhileStatementSyntax w => w.WithCondition(Guard(w.Condition)),

            // The condition first: a yield leaves after it held, and the next call runs the body, as the loop would.
            DoStatementSyntax d => d.WithCondition(BinaryExpression(
                SyntaxKind.LogicalAndExpression,
                ParenthesizedExpression(d.Condition.WithoutTrivia()),
                Token(SyntaxKind.AmpersandAmpersandToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                poll)),
            _ => loop,
        };
    }
}
