using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Runs a loop with no park site as plain synchronous code (DESIGN.md §3). In an async twin a
/// loop's locals live in the state machine and a tight loop keeps only ~60% of its speed; moved
/// into a synchronous local function they are registers again, and the loop polls the
/// goroutine's <c>PreemptionFlag</c> at each back-edge, returning to the twin only to yield:
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
/// out), so a yield leaves after the incrementors and
/// re-entry continues with the condition, as the loop would; <c>break</c> leaves with
/// <c>__goYield</c> false and <c>continue</c> goes through the test. Variables the loop writes are
/// copied in and out (<c>ref</c>), those it only reads are passed by value; inside a <c>try</c> the
/// copy-out is in a <c>finally</c>, so a handler sees what the loop wrote before it threw.
/// </summary>
/// <remarks>
/// <c>for</c>, <c>while</c> and <c>do</c> loops and <c>foreach</c> over an array or string qualify (the last walked by index), and only when everything about them is plain
/// (see <c>Refusal</c>): no nested loop (except the inner loop of a <see cref="LoopNest"/>), no <c>return</c>/<c>goto</c>/<c>yield</c>/<c>await</c>, no
/// call that parks, no lambda, local function or query, no <c>checked</c>/<c>unchecked</c>
/// context around it, no directive inside it, and every variable it uses is an ordinary local or
/// by-value parameter of a nameable, non-ref-like type that no lambda captures. Anything else
/// keeps the in-place checkpoint (<c>if (flag.IsRequested) await Checkpoint();</c>).
/// </remarks>
internal sealed class LoopOutliner
{
    private const string HelperPrefix = "__goLoop";
    private const string RefPrefix = "__goRef_";
    private const string ItemsVariable = "__goItems";
    private const string IndexVariable = "__goIndex";
    private const string InnerVariable = "__goInner";
    /// <summary>The flag test a helper's loop runs before its condition: false, with <c>__goYield</c> set, when asked to yield.</summary>
    internal const string Poll = "(!__goFlag.IsRequested || !(__goYield = true))";
    private const string CheckpointStatement = "await global::GoSharp.CompilerServices.Preemption.Checkpoint();";

    /// <summary>Iterations between two polls of a strip-mined loop (see <see cref="StripMined"/>).</summary>
    private const int StripLength = 1024;

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly SyntaxNode _methodBody;
    private readonly HashSet<SyntaxNode> _parkingFunctions;
    private readonly CancellationToken _cancellationToken;
    private ImmutableArray<ISymbol>? _captured;

    public LoopOutliner(SemanticModel model, KnownSymbols known, SyntaxNode methodBody, HashSet<SyntaxNode> parkingFunctions, CancellationToken cancellationToken)
    {
        _model = model;
        _known = known;
        _methodBody = methodBody;
        _parkingFunctions = parkingFunctions;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The local functions to append to the twin's body, each with the 1-based user line it starts on.</summary>
    public List<(int Line, string Text)> Helpers { get; } = new();

    /// <summary>
    /// If <paramref name="loop"/> (an original node) can be outlined, records its helper and
    /// returns the statement that replaces it in the twin (same number of lines); otherwise null.
    /// </summary>
    /// <param name="loop">The user's loop.</param>
    /// <param name="flag">The twin's <c>PreemptionFlag</c> variable.</param>
    public StatementSyntax? TryOutline(StatementSyntax loop, string flag)
    {
        // A nest's inner loop must be able to end: after it, the helper goes on with the outer body.
        LoopNest? nest = LoopNest.Of(loop);
        if (nest is not null && _model.AnalyzeControlFlow(nest.Inner)?.EndPointIsReachable != true)
        {
            nest = null;
        }

        if (Refusal(loop, nest?.Inner) is not null)
        {
            return null;
        }

        DataFlowAnalysis flow = _model.AnalyzeDataFlow(loop)!;
        if (!flow.Succeeded)
        {
            return null;
        }

        // Variables the loop's own header declares (for (int i = 0; ...)): they stay in the twin.
        var headerVariables = new List<ILocalSymbol>();
        string headerStatements = "";
        if (loop is ForStatementSyntax forLoop)
        {
            if (forLoop.Declaration is VariableDeclarationSyntax declaration)
            {
                foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
                {
                    if (declarator.Initializer is null || _model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local)
                    {
                        return null;
                    }

                    headerVariables.Add(local);
                }

                headerStatements = declaration.WithoutTrivia().ToString() + "; ";
            }

            headerStatements += string.Concat(forLoop.Initializers.Select(e => e.WithoutTrivia().ToString() + "; "));
            if (headerStatements.IndexOf('\n') >= 0)
            {
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
            return null;
        }

        var used = new HashSet<ISymbol>(bodyFlow.ReadInside.Concat(bodyFlow.WrittenInside), SymbolEqualityComparer.Default);
        var variables = new List<LoopVariable>();
        foreach (ISymbol symbol in flow.ReadInside.Concat(flow.WrittenInside).Concat(headerVariables).Distinct(SymbolEqualityComparer.Default))
        {
            if (declaredInside.Contains(symbol) || symbol is IParameterSymbol { IsThis: true } || IsMethodLevelConstant(symbol)
                || (!used.Contains(symbol) && !headerVariables.Contains(symbol, SymbolEqualityComparer.Default)))
            {
                continue;
            }

            bool isHeader = headerVariables.Contains(symbol, SymbolEqualityComparer.Default);
            bool byRef = isHeader || written.Contains(symbol);
            if (!CanPass(symbol) || (byRef && !isHeader && !assigned.Contains(symbol)))
            {
                return null;
            }

            variables.Add(new LoopVariable(Identifier(symbol), TypeOf(symbol).ToDisplayString(TypeFormat), byRef, Identifier(symbol)));
        }

        string number = Helpers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string name = HelperPrefix + number;
        LoopShape? shape = nest is not null ? NestShape(nest, number)
            : loop is CommonForEachStatementSyntax forEach ? ForEachShape(forEach, number)
            : new LoopShape("", new List<LoopVariable>(), StripMined(loop) ?? PollingLoop(loop).WithoutTrivia().ToFullString());
        if (shape is null)
        {
            return null;
        }

        headerStatements += shape.Value.Setup;
        variables.AddRange(shape.Value.State);
        string body = shape.Value.Body;

        string indentation = string.Concat(loop.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToFullString()));
        Helpers.Add((LineOf(loop), indentation + Helper(name, variables, body, NeedsCopyOutOnThrow(loop))));

        string call = name + "(" + string.Concat(variables.Select(v => (v.ByRef ? "ref " : "") + v.Argument + ", ")) + flag + ")";

        // A loop that never ends but by throwing (while (true) without break) stays one for the
        // compiler's reachability analysis: the helper then only ever returns to yield.
        string replacement = _model.AnalyzeControlFlow(loop)?.EndPointIsReachable == false
            ? "while (true) { " + call + "; " + CheckpointStatement + " }"
            : "while (" + call + ") " + CheckpointStatement;
        if (headerStatements.Length > 0)
        {
            replacement = "{ " + headerStatements + replacement + " }";
        }

        int lineBreaks = loop.ToString().Count(c => c == '\n');
        var trailing = Enumerable.Repeat(EndOfLine("\n"), lineBreaks).Concat(loop.GetTrailingTrivia());
        return ParseStatement(replacement).WithLeadingTrivia(loop.GetLeadingTrivia()).WithTrailingTrivia(trailing);
    }

    /// <summary>Why <paramref name="loop"/> keeps the in-place checkpoint, or null if it can be outlined.</summary>
    /// <param name="loop">The user's loop.</param>
    /// <param name="nestedLoop">The inner loop of the nest <paramref name="loop"/> heads, the one nested loop allowed, or null.</param>
    private string? Refusal(StatementSyntax loop, StatementSyntax? nestedLoop)
    {
        // The for header's declarations and initializers and a foreach's collection run in the
        // twin: a variable they declare in passing (out var, deconstruction, pattern) would not
        // reach the helper.
        IEnumerable<SyntaxNode> inTwin = loop switch
        {
            ForStatementSyntax f => f.Initializers.Concat(new SyntaxNode?[] { f.Declaration }.OfType<SyntaxNode>()),
            CommonForEachStatementSyntax e => new[] { e.Expression },
            _ => Enumerable.Empty<SyntaxNode>(),
        };
        if (inTwin.Any(n => n.DescendantNodesAndSelf().Any(d => d is DeclarationExpressionSyntax or DeclarationPatternSyntax or VarPatternSyntax or RecursivePatternSyntax or SingleVariableDesignationSyntax)))
        {
            return "a variable declared in the loop's header expressions";
        }

        if (loop is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax) && !IsIndexable(loop))
        {
            return "only for, while and do loops and foreach over an array or string are outlined";
        }

        if (loop.ContainsDirectives)
        {
            return "a directive inside the loop";
        }

        foreach (SyntaxNode ancestor in loop.Ancestors())
        {
            if (ancestor == _methodBody)
            {
                break;
            }

            if (ancestor is CheckedStatementSyntax or CheckedExpressionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return "inside a checked/unchecked context or a nested function";
            }
        }

        foreach (SyntaxNode node in loop.DescendantNodes())
        {
            switch (node)
            {
                case ForStatementSyntax or WhileStatementSyntax when node == nestedLoop:
                    break;
                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return "a nested loop";
                case GotoStatementSyntax or ReturnStatementSyntax or YieldStatementSyntax or LabeledStatementSyntax:
                    return "a jump out of the loop";
                case ThrowStatementSyntax { Expression: null }:
                    return "a rethrow (throw;), which must stay in its catch block";
                case SimpleNameSyntax name when _model.GetSymbolInfo(name, _cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } function
                    && function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken).Parent != _methodBody:
                    return "a local function declared in a nested block, out of the helper's scope";
                case AwaitExpressionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax:
                    return "an await, lambda, local function or query";
                case LockStatementSyntax or UnsafeStatementSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax
                    or ImplicitStackAllocArrayCreationExpressionSyntax or CheckedStatementSyntax:
                    return "lock, unsafe, fixed, stackalloc or checked inside the loop";
                case RefExpressionSyntax or RefTypeSyntax:
                    return "a ref local";
                case InvocationExpressionSyntax call when ParkSites.Classify(call, _model, _known, _cancellationToken) != ParkKind.None
                    || ParkingLocalFunctions.ParkingCallee(call, _model, _parkingFunctions, _cancellationToken) is not null:
                    return "a park site";
            }
        }

        return null;
    }

    /// <summary>A <c>foreach</c> over a one-dimensional array or a string, which the compiler runs by index.</summary>
    private bool IsIndexable(StatementSyntax loop) =>
        loop is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None } forEach
        && _model.GetTypeInfo(forEach.Expression, _cancellationToken).Type is ITypeSymbol type
        && type is IArrayTypeSymbol { Rank: 1 } or { SpecialType: SpecialType.System_String }
        && IsNameable(type);

    /// <summary>A <c>const</c> local declared in the method's own block: the helper, a local function of that block, sees it as it is.</summary>
    private bool IsMethodLevelConstant(ISymbol symbol) =>
        symbol is ILocalSymbol { IsConst: true } constant
        && constant.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken).FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()?.Parent == _methodBody;

    /// <summary>An ordinary local or by-value parameter of a nameable type that no nested function captures.</summary>
    private bool CanPass(ISymbol symbol)
    {
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol { IsRef: false, IsConst: false } local => local.Type,
            IParameterSymbol { RefKind: RefKind.None } parameter => parameter.Type,
            _ => null,
        };
        if (type is null || type.IsRefLikeType || !IsNameable(type))
        {
            return false;
        }

        _captured ??= _model.AnalyzeDataFlow(_methodBody)?.Captured ?? ImmutableArray<ISymbol>.Empty;
        return !_captured.Value.Contains(symbol, SymbolEqualityComparer.Default);
    }

    private static bool IsNameable(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol => false,
        IArrayTypeSymbol array => IsNameable(array.ElementType),
        INamedTypeSymbol named => !named.IsAnonymousType && named.TypeArguments.All(IsNameable)
            && (named.ContainingType is null || IsNameable(named.ContainingType)),
        _ => true,
    };

    /// <summary>Inside a <c>try</c>, a handler or <c>finally</c> may read what the loop wrote before throwing.</summary>
    private bool NeedsCopyOutOnThrow(StatementSyntax loop) =>
        loop.Ancestors().TakeWhile(a => a != _methodBody).Any(a => a is TryStatementSyntax);

    private int LineOf(SyntaxNode node) =>
        node.SyntaxTree.GetLineSpan(node.Span, _cancellationToken).StartLinePosition.Line + 1;

    /// <summary>A variable the helper gets: its name inside, type, whether it is copied back, and what the twin passes.</summary>
    private readonly record struct LoopVariable(string Name, string Type, bool ByRef, string Argument)
    {
        /// <summary>The by-ref parameter's name (<c>__goRef_event</c> for <c>@event</c>).</summary>
        public string RefName => RefPrefix + Name.TrimStart('@');
    }

    /// <summary>The helper's text: its first line is the loop's first line, and it keeps every line break of the loop.</summary>
    private static string Helper(string name, List<LoopVariable> variables, string loop, bool copyOutOnThrow)
    {
        var text = new StringBuilder();
        text.Append("bool ").Append(name).Append('(');
        foreach (LoopVariable variable in variables)
        {
            text.Append(variable.ByRef ? "ref " + variable.Type + " " + variable.RefName : variable.Type + " " + variable.Name).Append(", ");
        }

        text.Append("global::GoSharp.CompilerServices.PreemptionFlag __goFlag) { ");
        foreach (LoopVariable variable in variables.Where(v => v.ByRef))
        {
            text.Append("var ").Append(variable.Name).Append(" = ").Append(variable.RefName).Append("; ");
        }

        text.Append("bool __goYield = false; ");
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

        text.Append("return __goYield; }");
        return text.ToString();
    }

    /// <summary>
    /// What a loop shape adds: statements the twin runs before the first call, the variables they
    /// declare (passed by <c>ref</c>), and the helper's loop.
    /// </summary>
    private readonly record struct LoopShape(string Setup, List<LoopVariable> State, string Body);

    /// <summary>
    /// A nest's state lives in the twin: what the pre statements and the inner loop's header
    /// declare, and whether the inner loop is under way. Null if a state variable cannot be passed.
    /// </summary>
    private LoopShape? NestShape(LoopNest nest, string number)
    {
        string setup = "";
        var state = new List<LoopVariable>();
        var innerHeader = nest.Inner is ForStatementSyntax { Declaration: VariableDeclarationSyntax d } ? d.Variables : default;
        foreach (VariableDeclaratorSyntax declarator in nest.PreDeclarators.Concat(innerHeader))
        {
            if (_model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local || !CanPass(local))
            {
                return null;
            }

            string type = local.Type.ToDisplayString(TypeFormat);
            setup += type + " " + Identifier(local) + " = default!; ";
            state.Add(new LoopVariable(Identifier(local), type, true, Identifier(local)));
        }

        setup += "bool " + InnerVariable + number + " = false; ";
        state.Add(new LoopVariable(InnerVariable, "bool", true, InnerVariable + number));
        return new LoopShape(setup, state, NestText(nest));
    }

    /// <summary>The collection is evaluated once, in the twin, as foreach does; the helper walks it by index. Null if it spans lines.</summary>
    private LoopShape? ForEachShape(CommonForEachStatementSyntax forEach, string number)
    {
        string collection = forEach.Expression.WithoutTrivia().ToString();
        if (collection.IndexOf('\n') >= 0)
        {
            return null;
        }

        string collectionType = _model.GetTypeInfo(forEach.Expression, _cancellationToken).Type!.ToDisplayString(TypeFormat);
        return new LoopShape(
            "var " + ItemsVariable + number + " = " + collection + "; int " + IndexVariable + number + " = 0; ",
            new List<LoopVariable>
            {
                new(ItemsVariable, collectionType, false, ItemsVariable + number),
                new(IndexVariable, "int", true, IndexVariable + number),
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

        string innerLoop = StripMined(nest.Inner) ?? PollingLoop(nest.Inner).WithoutTrivia().ToFullString();
        return nest.Text(condition, incrementors, innerStart, innerLoop, _cancellationToken);
    }

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
    /// concatenation), so a chunk stays short. Null for any other loop.
    /// </summary>
    private string? StripMined(StatementSyntax loop)
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
            || !IsCountedIntegral(TypeOf(counter)) || boundType is null || !IsCountedIntegral(boundType)
            || (TypeOf(counter).SpecialType == SpecialType.System_Int32 && boundType.SpecialType != SpecialType.System_Int32)
            || !IsIncrementOf(forLoop.Incrementors[0], counter)
            || !IsInvariantBound(condition.Right, out ISymbol? boundVariable))
        {
            return null;
        }

        DataFlowAnalysis? body = _model.AnalyzeDataFlow(forLoop.Statement);
        if (body is null || !body.Succeeded
            || body.WrittenInside.Contains(counter, SymbolEqualityComparer.Default)
            || (boundVariable is not null && body.WrittenInside.Contains(boundVariable, SymbolEqualityComparer.Default))
            || LeavesWithBreak(forLoop)
            || !DoesOnlyBuiltInOperations(forLoop.Statement))
        {
            return null;
        }

        bool wide = TypeOf(counter).SpecialType == SpecialType.System_Int64;
        string i = Identifier(counter);
        ForStatementSyntax chunk = forLoop
            .WithDeclaration(null)
            .WithInitializers(default)
            .WithCondition(ParseExpression(i + " < __goEnd"));
        return Chunked(i, condition.Right.WithoutTrivia().ToString(), wide, chunk.WithoutTrivia().ToFullString());
    }

    /// <summary>The strip-mined loop around <paramref name="chunk"/>, a loop that runs <paramref name="counter"/> up to <c>__goEnd</c>.</summary>
    private static string Chunked(string counter, string bound, bool wide, string chunk)
    {
        string length = StripLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "for (; " + Poll + " && (" + counter + " < " + bound + ");) { var __goEnd = unchecked((" + (wide ? "ulong" : "uint") + ")("
            + bound + " - " + counter + ")) > " + length + (wide ? "UL" : "U") + " ? " + counter + " + " + length + " : " + bound + "; "
            + chunk + " }";
    }

    /// <summary>
    /// A <c>foreach</c> over an array or string as the indexed loop the compiler makes of it:
    /// <c>for (; poll &amp;&amp; (__goIndex &lt; __goItems.Length); __goIndex++) { var x = __goItems[__goIndex]; body }</c>,
    /// strip-mined when the body qualifies (see <see cref="StripMined"/>).
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
        string item = ItemsVariable + "[" + IndexVariable + "]";
        string body = "{ " + element + " = " + cast + item + ";"
            + forEach.CloseParenToken.TrailingTrivia.ToFullString() + forEach.Statement.ToFullString().TrimEnd() + " }";
        return !LeavesWithBreak(forEach) && DoesOnlyBuiltInOperations(forEach.Statement)
            ? Chunked(IndexVariable, ItemsVariable + ".Length", wide: false, "for (; " + IndexVariable + " < __goEnd; " + IndexVariable + "++) " + body)
            : "for (; " + Poll + " && (" + IndexVariable + " < " + ItemsVariable + ".Length); " + IndexVariable + "++) " + body;
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

    /// <summary>The loop without its header declarations, its condition preceded by the flag test.</summary>
    private static StatementSyntax PollingLoop(StatementSyntax loop)
    {
        ExpressionSyntax poll = ParseExpression(Poll);
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

    private static ITypeSymbol TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => throw new System.ArgumentException("not a variable", nameof(symbol)),
    };

    /// <summary>The variable's name as an identifier (<c>@class</c> for a keyword).</summary>
    private static string Identifier(ISymbol symbol) =>
        SyntaxFacts.GetKeywordKind(symbol.Name) != SyntaxKind.None ? "@" + symbol.Name : symbol.Name;
}
