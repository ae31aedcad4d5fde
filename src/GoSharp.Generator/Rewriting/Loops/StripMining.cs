using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// A counted loop polls once per <see cref="StripLength"/> iterations instead of on every one
/// (strip mining, as HotSpot does for its safepoint polls): a poll costs a load and a branch,
/// which halves the speed of a loop whose body takes a cycle.
/// <code>
/// for (; (!__goFlag.IsRequested || !(__goYield = true)) &amp;&amp; (i &lt; n);)
/// { var __goEnd = unchecked((uint)(n - i)) &gt; 1024u ? i + 1024 : n; for (; i &lt; __goEnd; i++) { body } }
/// </code>
/// The chunk's end never passes <c>n</c> (the unsigned difference is exact while <c>i &lt; n</c>), so
/// the body runs for the same values of <c>i</c>, and <c>continue</c> goes to <c>i++</c> as before.
/// Only when the loop is <c>for (…; i &lt; bound; i++)</c> over an <c>int</c> or <c>long</c> local
/// (an <c>int</c> one only with an <c>int</c> bound: <c>i + 1024</c> must not overflow)
/// that the body does not write, the bound is a literal, constant, unwritten local or parameter, or
/// the <c>Length</c> of an unwritten array or string, no <c>break</c> leaves it (it would leave
/// only the chunk), and the body does only built-in operations (no calls, property
/// accesses but <c>Length</c> and string indexing, allocations, user-defined operators or string
/// concatenation), so a chunk stays short.
/// </summary>
internal sealed class StripMining
{
    /// <summary>Iterations between two polls of a strip-mined loop.</summary>
    private const int StripLength = 1024;

    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellationToken;

    public StripMining(SemanticModel model, CancellationToken cancellationToken)
    {
        _model = model;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The strip-mined form of a counted <c>for</c> loop (without its header's declarations), or null if it does not qualify.</summary>
    public string? StripMined(StatementSyntax loop)
    {
        if (loop is not ForStatementSyntax { Condition: BinaryExpressionSyntax condition } forLoop
            || !condition.IsKind(SyntaxKind.LessThanExpression)
            || condition.Left is not IdentifierNameSyntax
            || forLoop.Incrementors.Count != 1
            || condition.Right.ToString().IndexOf('\n') >= 0)
        {
            return null;
        }

        ISymbol? counter = _model.GetSymbolInfo(condition.Left, _cancellationToken).Symbol;
        ITypeSymbol? boundType = _model.GetTypeInfo(condition.Right, _cancellationToken).Type;
        if (counter is not (ILocalSymbol or IParameterSymbol)
            || !IsCountedIntegral(LoopVariable.TypeOf(counter)) || boundType is null || !IsCountedIntegral(boundType)
            || (LoopVariable.TypeOf(counter).SpecialType == SpecialType.System_Int32 && boundType.SpecialType != SpecialType.System_Int32)
            || !IsIncrementOf(forLoop.Incrementors[0], counter)
            || !IsInvariantBound(condition.Right, out ISymbol? boundVariable))
        {
            return null;
        }

        DataFlowAnalysis? body = _model.AnalyzeDataFlow(forLoop.Statement);
        if (body is null || !body.Succeeded
            || body.WrittenInside.Contains(counter, SymbolEqualityComparer.Default)
            || (boundVariable is not null && body.WrittenInside.Contains(boundVariable, SymbolEqualityComparer.Default))
            || !CanChunk(forLoop, forLoop.Statement))
        {
            return null;
        }

        bool wide = LoopVariable.TypeOf(counter).SpecialType == SpecialType.System_Int64;
        string i = LoopVariable.NameOf(counter);
        ForStatementSyntax chunk = forLoop
            .WithDeclaration(null)
            .WithInitializers(default)
            .WithCondition(ParseExpression(i + " < " + GeneratedNames.LoopEnd));
        return Chunked(i, condition.Right.WithoutTrivia().ToString(), wide, chunk.WithoutTrivia().ToFullString());
    }

    /// <summary>True if chunks of <paramref name="loop"/> stay short and whole: no <c>break</c> leaves it and its <paramref name="body"/> does only built-in operations.</summary>
    public bool CanChunk(StatementSyntax loop, StatementSyntax body) => !LeavesWithBreak(loop) && DoesOnlyBuiltInOperations(body);

    /// <summary>The strip-mined loop around <paramref name="chunk"/>, a loop that runs <paramref name="counter"/> up to <c>__goEnd</c>.</summary>
    public static string Chunked(string counter, string bound, bool wide, string chunk)
    {
        string length = StripLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "for (; " + GeneratedNames.LoopPoll + " && (" + counter + " < " + bound + ");) { var " + GeneratedNames.LoopEnd + " = unchecked((" + (wide ? "ulong" : "uint") + ")("
            + bound + " - " + counter + ")) > " + length + (wide ? "UL" : "U") + " ? " + counter + " + " + length + " : " + bound + "; "
            + chunk + " }";
    }

    private static bool IsCountedIntegral(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    /// <summary><c>i++</c>, <c>++i</c> or <c>i += 1</c>.</summary>
    private bool IsIncrementOf(ExpressionSyntax incrementor, ISymbol counter)
    {
        ExpressionSyntax? operand = incrementor switch
        {
            PostfixUnaryExpressionSyntax post when post.IsKind(SyntaxKind.PostIncrementExpression) => post.Operand,
            PrefixUnaryExpressionSyntax pre when pre.IsKind(SyntaxKind.PreIncrementExpression) => pre.Operand,
            AssignmentExpressionSyntax add when add.IsKind(SyntaxKind.AddAssignmentExpression)
                && add.Right is LiteralExpressionSyntax { Token.ValueText: "1" } => add.Left,
            _ => null,
        };
        return operand is IdentifierNameSyntax
            && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(operand, _cancellationToken).Symbol, counter);
    }

    /// <summary>A literal or constant, a local or parameter, or <c>x.Length</c> of an array or string local or parameter; <paramref name="variable"/> is what the body must not write.</summary>
    private bool IsInvariantBound(ExpressionSyntax bound, out ISymbol? variable)
    {
        variable = null;
        if (_model.GetConstantValue(bound, _cancellationToken).HasValue)
        {
            return true;
        }

        ExpressionSyntax? holder = bound switch
        {
            IdentifierNameSyntax => bound,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length", Expression: IdentifierNameSyntax target }
                when _model.GetTypeInfo(target, _cancellationToken).Type is IArrayTypeSymbol or { SpecialType: SpecialType.System_String } => target,
            _ => null,
        };
        variable = holder is null ? null : _model.GetSymbolInfo(holder, _cancellationToken).Symbol;
        return variable is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None };
    }

    /// <summary>True if a <c>break</c> in the body leaves <paramref name="loop"/> (rather than a <c>switch</c> inside it).</summary>
    private static bool LeavesWithBreak(StatementSyntax loop) =>
        loop.DescendantNodes().OfType<BreakStatementSyntax>()
            .Any(b => b.Ancestors().First(a => a is SwitchStatementSyntax || a == loop) == loop);

    /// <summary>True if every operation in <paramref name="body"/> is a built-in one of bounded cost.</summary>
    private bool DoesOnlyBuiltInOperations(StatementSyntax body)
    {
        IOperation? operation = _model.GetOperation(body, _cancellationToken);
        return operation is not null && operation.DescendantsAndSelf().All(IsBuiltIn);
    }

    private static bool IsBuiltIn(IOperation operation) => operation switch
    {
        IBinaryOperation binary => binary.OperatorMethod is null && binary.Type?.SpecialType != SpecialType.System_String,
        IUnaryOperation unary => unary.OperatorMethod is null,
        IIncrementOrDecrementOperation step => step.OperatorMethod is null,
        ICompoundAssignmentOperation compound => compound.OperatorMethod is null && compound.Type?.SpecialType != SpecialType.System_String,
        IConversionOperation conversion => conversion.OperatorMethod is null,
        IPropertyReferenceOperation property => property.Instance?.Type is IArrayTypeSymbol or { SpecialType: SpecialType.System_String }
            && property.Property.Name is "Length" or "this[]",
        _ => operation.Kind is OperationKind.Block or OperationKind.ExpressionStatement or OperationKind.Empty
            or OperationKind.VariableDeclarationGroup or OperationKind.VariableDeclaration or OperationKind.VariableDeclarator
            or OperationKind.VariableInitializer or OperationKind.Literal or OperationKind.LocalReference
            or OperationKind.ParameterReference or OperationKind.FieldReference or OperationKind.ArrayElementReference
            or OperationKind.InstanceReference or OperationKind.SimpleAssignment or OperationKind.Conditional
            or OperationKind.Coalesce or OperationKind.Branch or OperationKind.DefaultValue or OperationKind.SizeOf
            or OperationKind.Switch or OperationKind.SwitchCase or OperationKind.CaseClause or OperationKind.IsPattern
            or OperationKind.ConstantPattern or OperationKind.RelationalPattern or OperationKind.BinaryPattern
            or OperationKind.NegatedPattern or OperationKind.TypePattern or OperationKind.DeclarationPattern
            or OperationKind.DiscardPattern or OperationKind.Discard or OperationKind.Argument,
    };
}
