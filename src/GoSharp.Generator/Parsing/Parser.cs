using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;
using GoSharp.Generator.Rewriting;
using GoSharp.Generator.Rewriting.Loops;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Turns a <c>[Goroutine]</c> method into a <see cref="GoroutineMethodSpec"/>: symbols and syntax
/// in, strings out. A method whose signature cannot have a twin yields null; a method whose body
/// cannot be rewritten gets a twin that runs it as it is (the analyzers say why, in both cases).
/// </summary>
internal static class Parser
{
    public static GoroutineMethodSpec? ParseMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return null;
        }

        SemanticModel model = context.SemanticModel;
        var known = KnownSymbols.From(model.Compilation);
        SyntaxNode? methodBody = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody?.Expression;
        if (!known.HasRuntime || !SignatureRules.IsRewritable(method) || methodBody is null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        HashSet<SyntaxNode> parkingFunctions = ParkingLocalFunctions.Find(methodBody, model, known, cancellationToken);
        var spills = new Dictionary<StatementSyntax, List<ExpressionSyntax>>();
        string? limitedSupport = LimitedSupportReason(methodBody, model, known, parkingFunctions, spills, cancellationToken);
        string nullable = NullableDirective(model.GetNullableContext(methodBody.SpanStart));
        SyntaxTree tree = syntax.SyntaxTree;
        string siteFile = SiteFile(tree.FilePath, model.Compilation);

        LoopOutliner? outliner = limitedSupport is null && syntax.Body is BlockSyntax ? new LoopOutliner(model, known, methodBody, parkingFunctions, cancellationToken) : null;
        var rewriter = new BodyRewriter(model, known, method.Name, siteFile, parkingFunctions, spills, outliner, cancellationToken);
        string body = limitedSupport is not null ? Declarations.CallOfOriginal(method, syntax)
            : syntax.Body is BlockSyntax block ? Indentation(block) + rewriter.RewriteBlock(block, GeneratedNames.EntryStatement).WithoutTrivia().ToFullString()
            : rewriter.RewriteExpressionBody((ExpressionSyntax)methodBody, GeneratedNames.EntryStatement, !method.ReturnsVoid);

        var unit = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        return new GoroutineMethodSpec(
            HintName: Declarations.HintName(method),
            Usings: Declarations.Directives(unit.Externs, unit.Usings),
            Namespaces: Declarations.Namespaces(syntax),
            ContainingTypes: Declarations.ContainingTypes(syntax, model, cancellationToken),
            Signature: Declarations.Signature(method, syntax, model.Compilation),
            Body: body,
            FilePath: tree.FilePath,
            BodyLine: LineOf(methodBody, cancellationToken),
            CloseBraceLine: syntax.Body is BlockSyntax closed ? LineOf(closed.CloseBraceToken, cancellationToken) : 0,
            NullableDirective: nullable,
            LoopHelpers: (outliner?.Helpers ?? new List<LoopHelperSpec>()).ToImmutableEquatableArray(),
            SelectBindArities: rewriter.SelectBindArities.ToImmutableEquatableArray(),
            Sites: rewriter.Sites.ToImmutableEquatableArray(),
            LimitedSupportReason: limitedSupport);
    }

    /// <summary>
    /// Why the body cannot be rewritten, or null: a ref or ref struct local (GOSH009) or a ref
    /// struct temporary (GOSH021) that would live across an await of the twin. <see cref="BodyRules"/>
    /// finds them (and the analyzers report them); it also fills <paramref name="spills"/>.
    /// </summary>
    private static string? LimitedSupportReason(SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parkingFunctions, Dictionary<StatementSyntax, List<ExpressionSyntax>> spills, CancellationToken cancellationToken)
    {
        var violations = new List<RuleViolation>();
        BodyRules.Check(body, model, known, parkingFunctions, violations, cancellationToken, spills);
        foreach (RuleViolation violation in violations)
        {
            switch (violation.Id)
            {
                case RuleId.RefLocalAcrossParkSite:
                    return "GOSH009: the ref or ref struct local '" + violation.Argument + "' cannot live across the twin's awaits";
                case RuleId.RefStructTemporaryAcrossParkSite:
                    return "GOSH021: " + violation.Argument;
            }
        }

        return null;
    }

    /// <summary>
    /// The file name that park sites report: the compiler's path for the file (the one
    /// <c>#line</c> uses), with the compilation's <c>/pathmap</c> applied as the compiler applies
    /// it to <c>[CallerFilePath]</c>, so deterministic builds embed no machine-specific path.
    /// </summary>
    private static string SiteFile(string path, Compilation compilation)
    {
        if (compilation.Options.SourceReferenceResolver is SourceFileResolver resolver)
        {
            foreach (KeyValuePair<string, string> map in resolver.PathMap)
            {
                if (map.Key.Length > 0 && path.StartsWith(map.Key, System.StringComparison.Ordinal))
                {
                    string rest = path.Substring(map.Key.Length);
                    return map.Value.EndsWith("/", System.StringComparison.Ordinal) ? map.Value + rest.Replace('\\', '/') : map.Value + rest;
                }
            }
        }

        return path;
    }

    private static int LineOf(SyntaxNodeOrToken node, CancellationToken cancellationToken) =>
        node.SyntaxTree!.GetLineSpan(node.Span, cancellationToken).StartLinePosition.Line + 1;

    /// <summary>The whitespace before the body's brace on its line, so the twin reads like the user's method.</summary>
    private static string Indentation(BlockSyntax block) =>
        string.Concat(block.OpenBraceToken.LeadingTrivia.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToFullString()));

    private static string NullableDirective(NullableContext context)
    {
        bool annotations = context.AnnotationsEnabled();
        bool warnings = context.WarningsEnabled();
        return (annotations, warnings) switch
        {
            (true, true) => "#nullable enable",
            (false, false) => "#nullable disable",
            (true, false) => "#nullable disable\n#nullable enable annotations",
            _ => "#nullable disable\n#nullable enable warnings",
        };
    }
}
