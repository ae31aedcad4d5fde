using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using GoSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Turns a <c>[Goroutine]</c> method into a <see cref="GoroutineMethodSpec"/>: symbols and syntax
/// in, strings out. A method the generator cannot rewrite yields null (the analyzers say why).
/// </summary>
internal static class Parser
{
    public static GoroutineMethodSpec? ParseMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return null;
        }

        var known = KnownSymbols.From(context.SemanticModel.Compilation);
        if (!known.HasRuntime || !SignatureRules.IsRewritable(method))
        {
            return null;
        }

        SyntaxNode? methodBody = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (methodBody is not null && RefLocalRules.HasViolation(methodBody, context.SemanticModel, known, cancellationToken))
        {
            // GOSH009: a ref or ref struct local might live across an await of the twin.
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        SyntaxTree tree = syntax.SyntaxTree;
        string nullable = NullableDirective(context.SemanticModel.GetNullableContext(((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody?.Expression ?? (SyntaxNode)syntax).SpanStart));
        var rewriter = new BodyRewriter(context.SemanticModel, known, method.Name, SiteFile(tree.FilePath, context.SemanticModel.Compilation), cancellationToken);
        string entry = "await " + TwinNaming.EntryParameter + ";";
        string body;
        SyntaxNode bodyNode;
        if (syntax.Body is BlockSyntax block)
        {
            rewriter.ParkingFunctions = ParkingLocalFunctions.Find(block, context.SemanticModel, known, bySignature: false, cancellationToken);
            rewriter.Outliner = new LoopOutliner(context.SemanticModel, known, block, rewriter.ParkingFunctions, cancellationToken);
            body = Indentation(block) + rewriter.RewriteBlock(block, entry).WithoutTrivia().ToFullString();
            body = AppendLoopHelpers(body, rewriter.Outliner.Helpers, tree.FilePath, CloseBraceLine(block, cancellationToken), nullable);
            bodyNode = block;
        }
        else if (syntax.ExpressionBody is ArrowExpressionClauseSyntax arrow)
        {
            body = rewriter.RewriteExpressionBody(arrow.Expression, entry, !method.ReturnsVoid);
            bodyNode = arrow.Expression;
        }
        else
        {
            return null;
        }

        var unit = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        return new GoroutineMethodSpec(
            HintName: HintName(method),
            Usings: Directives(unit.Externs, unit.Usings),
            Namespaces: syntax.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse()
                .Select(ns => new NamespaceSpec(ns.Name.WithoutTrivia().ToString(), Directives(ns.Externs, ns.Usings)))
                .ToImmutableEquatableArray(),
            ContainingTypes: syntax.Ancestors().OfType<TypeDeclarationSyntax>().Reverse()
                .Select(type => new ContainingTypeSpec(PartialDeclaration(type, context.SemanticModel, cancellationToken)))
                .ToImmutableEquatableArray(),
            Signature: Signature(method, syntax, context.SemanticModel.Compilation),
            Body: body,
            FilePath: tree.FilePath,
            BodyLine: tree.GetLineSpan(bodyNode.Span, cancellationToken).StartLinePosition.Line + 1,
            NullableDirective: nullable,
            SelectBindArities: rewriter.SelectBindArities.ToImmutableEquatableArray(),
            Sites: rewriter.Sites.ToImmutableEquatableArray());
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

    /// <summary>
    /// Puts the outlined loops' local functions (<see cref="LoopOutliner"/>) at the end of the twin's
    /// body, each on its own lines mapped by <c>#line</c> to its loop's lines, and maps the closing
    /// brace back to the user's. Nullable warnings are off in the helpers: the user's loop has been
    /// checked where it is written, and a by-ref copy loses the flow state the compiler knew there.
    /// </summary>
    private static string AppendLoopHelpers(string body, List<(int Line, string Text)> helpers, string file, int closeLine, string nullable)
    {
        if (helpers.Count == 0)
        {
            return body;
        }

        int close = body.LastIndexOf('}');
        int lineStart = body.LastIndexOf('\n', close) + 1;
        var text = new StringBuilder(body, 0, lineStart, body.Length + 256);
        text.Append("#nullable disable\n#nullable enable annotations\n");
        foreach ((int line, string helper) in helpers)
        {
            if (file.Length > 0)
            {
                text.Append("#line ").Append(line).Append(' ').Append(Emitting.SourceWriter.Literal(file)).Append('\n');
            }

            text.Append(helper).Append('\n');
        }

        text.Append(nullable).Append('\n');
        if (file.Length > 0)
        {
            text.Append("#line ").Append(closeLine).Append(' ').Append(Emitting.SourceWriter.Literal(file)).Append('\n');
        }

        text.Append(body, lineStart, body.Length - lineStart);
        return text.ToString();
    }

    private static int CloseBraceLine(BlockSyntax block, CancellationToken cancellationToken) =>
        block.SyntaxTree.GetLineSpan(block.CloseBraceToken.Span, cancellationToken).StartLinePosition.Line + 1;

    /// <summary>The whitespace before the body's brace on its line, so the twin reads like the user's method.</summary>
    private static string Indentation(BlockSyntax block) =>
        string.Concat(block.OpenBraceToken.LeadingTrivia.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToFullString()));

    /// <summary>A unique, stable file name: the type's and method's names plus a hash of the method's documentation ID (overloads).</summary>
    public static string HintName(IMethodSymbol method)
    {
        var name = new StringBuilder();
        foreach (char c in method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)) + "." + method.Name)
        {
            name.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        }

        string id = method.GetDocumentationCommentId() ?? method.ToDisplayString();
        return name + "." + Fnv1a(id).ToString("x8") + ".g.cs";
    }

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }

    private static ImmutableEquatableArray<string> Directives(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings) =>
        externs.Select(e => e.WithoutTrivia().ToString())
            .Concat(usings.Where(u => !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)).Select(u => u.WithoutTrivia().ToString()))
            .ToImmutableEquatableArray();

    private static string PartialDeclaration(TypeDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (model.GetDeclaredSymbol(type, cancellationToken) is { IsStatic: true })
        {
            text.Append("static ");
        }

        foreach (SyntaxToken modifier in type.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.ReadOnlyKeyword) || modifier.IsKind(SyntaxKind.RefKeyword))
            {
                text.Append(modifier.Text).Append(' ');
            }
        }

        text.Append("partial ");
        text.Append(type switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        });
        text.Append(' ').Append(type.Identifier.ValueText);
        if (type.TypeParameterList is not null)
        {
            text.Append(type.TypeParameterList.WithoutTrivia().ToString());
        }

        return text.ToString();
    }

    private static string Signature(IMethodSymbol method, MethodDeclarationSyntax syntax, Compilation compilation)
    {
        var text = new StringBuilder();
        text.Append(Accessibility(method, compilation)).Append(' ');
        if (method.IsStatic)
        {
            text.Append("static ");
        }

        text.Append("async ");
        text.Append(method.ReturnsVoid
            ? "global::GoSharp.CompilerServices.GoTask"
            : "global::GoSharp.CompilerServices.GoTask<" + syntax.ReturnType.WithoutTrivia().ToString() + ">");
        text.Append(' ').Append(TwinNaming.TwinName(method.Name));
        if (syntax.TypeParameterList is not null)
        {
            text.Append(syntax.TypeParameterList.WithoutTrivia().ToString());
        }

        text.Append("(global::GoSharp.CompilerServices.GoroutineEntry ").Append(TwinNaming.EntryParameter);
        foreach (ParameterSyntax parameter in syntax.ParameterList.Parameters)
        {
            ParameterSyntax copy = parameter.WithModifiers(SyntaxFactory.TokenList(parameter.Modifiers.Where(m => !m.IsKind(SyntaxKind.ThisKeyword))));
            text.Append(", ").Append(copy.WithoutTrivia().ToString());
        }

        text.Append(')');
        foreach (TypeParameterConstraintClauseSyntax constraint in syntax.ConstraintClauses)
        {
            text.Append(' ').Append(constraint.WithoutTrivia().ToString());
        }

        return text.ToString();
    }

    /// <summary>
    /// The twin is at least internal, so that the interceptors (in another class) can spawn it,
    /// unless its signature uses a type that the rest of the assembly cannot see.
    /// </summary>
    private static string Accessibility(IMethodSymbol method, Compilation compilation)
    {
        bool canWiden = method.Parameters.All(p => IsVisibleInAssembly(p.Type, compilation))
            && (method.ReturnsVoid || IsVisibleInAssembly(method.ReturnType, compilation));
        return method.DeclaredAccessibility switch
        {
            Microsoft.CodeAnalysis.Accessibility.Public => "public",
            Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
            Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
            Microsoft.CodeAnalysis.Accessibility.Protected => canWiden ? "protected internal" : "protected",
            Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => canWiden ? "internal" : "private protected",
            _ => canWiden ? "internal" : "private",
        };
    }

    /// <summary>True if code anywhere in the assembly can name <paramref name="type"/>.</summary>
    public static bool IsVisibleInAssembly(ITypeSymbol type, Compilation compilation) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsVisibleInAssembly(array.ElementType, compilation),
        IPointerTypeSymbol pointer => IsVisibleInAssembly(pointer.PointedAtType, compilation),
        INamedTypeSymbol named => compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, compilation.Assembly)
            && named.TypeArguments.All(t => IsVisibleInAssembly(t, compilation)),
        _ => compilation.IsSymbolAccessibleWithin(type, compilation.Assembly),
    };

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
