using System.Collections.Generic;
using System.Threading;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;
using GoSharp.Generator.Rewriting.Loops;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Rewriting;

/// <summary>
/// Rewrites a <c>[Goroutine]</c> method's body into its twin's body (see docs/generator.md for
/// the rules). It never adds or removes a line break, so that the twin's body is line-for-line
/// the user's and one <c>#line</c> directive maps it back: stack traces, the debugger and
/// compiler messages all point at the user's lines.
/// </summary>
/// <remarks>
/// <para>
/// One partial file per concern: calls and selects (<c>.Calls</c>), go statements
/// (<c>.GoStatements</c>), nested functions (<c>.NestedFunctions</c>), where C# cannot await
/// (<c>.ForbiddenContexts</c>), loops and their checkpoints (<c>.Loops</c>) and park sites
/// (<c>.ParkSites</c>); the syntax helpers they share are <see cref="SyntaxEdits"/>.
/// </para>
/// <para>
/// Decisions are taken on the original nodes (the semantic model only knows those) before the
/// children are rewritten. Lambdas, anonymous methods, local functions and queries are left
/// as they are (they are not goroutine code) except the lambda of a go statement and the local
/// functions and delegate-local lambdas that park and do not escape
/// (<see cref="ParkingLocalFunctions"/>). Inside a lock, an unsafe block or an exception filter
/// nothing is rewritten, since C# cannot await there (the analyzers report GOSH006 and GOSH007
/// for what stays blocking).
/// </para>
/// </remarks>
internal sealed partial class BodyRewriter : CSharpSyntaxRewriter
{
    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly string _methodName;
    private readonly string _siteFile;
    private readonly HashSet<SyntaxNode> _parkingFunctions;
    private readonly Dictionary<StatementSyntax, List<ExpressionSyntax>> _spills;
    private readonly LoopOutliner? _outliner;
    private readonly CancellationToken _cancellationToken;

    /// <summary>How many lock bodies, unsafe blocks and exception filters enclose the node being rewritten (see <see cref="Scope"/>).</summary>
    private int _forbiddenDepth;

    /// <summary>How deep the goroutine code being rewritten is nested in go lambdas and parking functions: each has its own preemption flag.</summary>
    private int _functionDepth;

    /// <summary>True once the current function's code reads its preemption flag: it then declares it at its start.</summary>
    private bool _usesFlag;

    /// <param name="model">The semantic model of the user's file.</param>
    /// <param name="known">GoSharp's well-known symbols.</param>
    /// <param name="methodName">The user's method name, for the park sites' field names.</param>
    /// <param name="siteFile">The file name the park sites report.</param>
    /// <param name="parkingFunctions">The local functions and lambdas that become async local functions (<see cref="ParkingLocalFunctions.Find"/>).</param>
    /// <param name="spills">The statements whose park sites are evaluated first, before the statement (<see cref="ParkSiteSpills"/>).</param>
    /// <param name="outliner">Outlines loops with no park site into synchronous helpers; null to keep every loop in place.</param>
    /// <param name="cancellationToken">Cancels the rewrite.</param>
    public BodyRewriter(SemanticModel model, KnownSymbols known, string methodName, string siteFile, HashSet<SyntaxNode> parkingFunctions, Dictionary<StatementSyntax, List<ExpressionSyntax>> spills, LoopOutliner? outliner, CancellationToken cancellationToken)
        : base(visitIntoStructuredTrivia: false)
    {
        _model = model;
        _known = known;
        _methodName = methodName;
        _siteFile = siteFile;
        _parkingFunctions = parkingFunctions;
        _spills = spills;
        _outliner = outliner;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The park sites of the rewritten body, in source order.</summary>
    public List<ParkSiteSpec> Sites { get; } = new();

    /// <summary>The out-parameter counts of the <c>Select</c> binders the rewritten body uses.</summary>
    public SortedSet<int> SelectBindArities { get; } = new();

    /// <summary>Rewrites a block body and puts <paramref name="firstStatement"/> right after its brace.</summary>
    public BlockSyntax RewriteBlock(BlockSyntax body, string firstStatement)
    {
        var rewritten = (BlockSyntax)Visit(body)!;
        return SyntaxEdits.Prepend(rewritten, firstStatement + FlagDeclaration());
    }

    /// <summary>Rewrites an expression body into a one-line block: <c>{ await entry; return expr; }</c>.</summary>
    public string RewriteExpressionBody(ExpressionSyntax body, string firstStatement, bool returnsValue)
    {
        var rewritten = (ExpressionSyntax)Visit(body)!;
        return "{ " + firstStatement + FlagDeclaration() + " " + (returnsValue ? "return " : "") + rewritten.WithoutTrivia().ToFullString() + "; }";
    }

    /// <summary>
    /// The current goroutine's preemption flag, read once per function: a loop's checkpoint is
    /// then one field load and a flag test, awaiting only when sysmon asked for a yield.
    /// </summary>
    private string FlagDeclaration() =>
        _usesFlag ? " var " + Flag + " = " + GeneratedNames.CurrentPreemptionFlag + ";" : "";

    private string Flag => GeneratedNames.PreemptionLocal(_functionDepth);

    /// <summary>
    /// Enters a lock body, unsafe block or exception filter, where C# cannot await: nothing in it
    /// is rewritten until the scope is disposed.
    /// </summary>
    private Scope ForbiddenContext()
    {
        var scope = new Scope(this, function: false);
        _forbiddenDepth++;
        return scope;
    }

    /// <summary>
    /// Enters a nested function that is goroutine code (a go statement's lambda, a parking
    /// function): it can await even inside a lock, and has its own preemption flag. Read
    /// <see cref="FlagDeclaration"/> before disposing the scope.
    /// </summary>
    private Scope NestedGoroutineCode()
    {
        var scope = new Scope(this, function: true);
        _forbiddenDepth = 0;
        _functionDepth++;
        _usesFlag = false;
        return scope;
    }

    /// <summary>Restores the rewriter's state on leaving a <see cref="ForbiddenContext"/> or <see cref="NestedGoroutineCode"/>.</summary>
    private readonly struct Scope : System.IDisposable
    {
        private readonly BodyRewriter _owner;
        private readonly int _forbiddenDepth;
        private readonly int _functionDepth;
        private readonly bool _usesFlag;
        private readonly bool _function;

        public Scope(BodyRewriter owner, bool function)
        {
            _owner = owner;
            _forbiddenDepth = owner._forbiddenDepth;
            _functionDepth = owner._functionDepth;
            _usesFlag = owner._usesFlag;
            _function = function;
        }

        public void Dispose()
        {
            _owner._forbiddenDepth = _forbiddenDepth;
            if (_function)
            {
                _owner._functionDepth = _functionDepth;
                _owner._usesFlag = _usesFlag;
            }
        }
    }
}
