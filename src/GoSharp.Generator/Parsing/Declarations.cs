using System.Linq;
using System.Text;
using System.Threading;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Where and how a twin is declared: its file's name, the user's directives, namespaces and
/// partial types around it (so that its body binds as the original does), and its signature.
/// </summary>
internal static class Declarations
{
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

    /// <summary>The <c>extern alias</c> and (non-global) <c>using</c> directives, as written.</summary>
    public static ImmutableEquatableArray<string> Directives(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings) =>
        externs.Select(e => e.WithoutTrivia().ToString())
            .Concat(usings.Where(u => !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)).Select(u => u.WithoutTrivia().ToString()))
            .ToImmutableEquatableArray();

    /// <summary>The namespaces around the method, outermost first, with the directives written inside each.</summary>
    public static ImmutableEquatableArray<NamespaceSpec> Namespaces(MethodDeclarationSyntax syntax) =>
        syntax.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse()
            .Select(ns => new NamespaceSpec(ns.Name.WithoutTrivia().ToString(), Directives(ns.Externs, ns.Usings)))
            .ToImmutableEquatableArray();

    /// <summary>The types around the method, outermost first, as partial declarations.</summary>
    public static ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes(MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken) =>
        syntax.Ancestors().OfType<TypeDeclarationSyntax>().Reverse()
            .Select(type => new ContainingTypeSpec(PartialDeclaration(type, model, cancellationToken)))
            .ToImmutableEquatableArray();

    /// <summary>
    /// The twin's declaration up to its body: the method's accessibility (widened, see
    /// <see cref="Accessibility"/>), <c>static</c>, <c>async GoTask</c>/<c>GoTask&lt;T&gt;</c>, the
    /// twin's name, the type parameters, <c>GoroutineEntry __goEntry</c> and the method's
    /// parameters (an extension method's <c>this</c> dropped), and the constraints.
    /// </summary>
    public static string Signature(IMethodSymbol method, MethodDeclarationSyntax syntax, Compilation compilation)
    {
        var text = new StringBuilder();
        text.Append(Accessibility(method, compilation)).Append(' ');
        if (method.IsStatic)
        {
            text.Append("static ");
        }

        text.Append("async ");
        text.Append(GeneratedNames.GoTaskOf(method.ReturnsVoid ? null : syntax.ReturnType.WithoutTrivia().ToString()));
        text.Append(' ').Append(GeneratedNames.TwinName(method.Name));
        if (syntax.TypeParameterList is not null)
        {
            text.Append(syntax.TypeParameterList.WithoutTrivia().ToString());
        }

        text.Append('(').Append(GeneratedNames.GoroutineEntry).Append(' ').Append(GeneratedNames.EntryParameter);
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
    /// The body of a twin whose method's body cannot be rewritten: after the entry checkpoint it
    /// calls the original method, which runs on the goroutine's thread and blocks it where it
    /// blocks (the runtime hands the thread's P to another thread meanwhile).
    /// </summary>
    public static string CallOfOriginal(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        string typeArguments = syntax.TypeParameterList is null
            ? ""
            : "<" + string.Join(", ", syntax.TypeParameterList.Parameters.Select(p => p.Identifier.Text)) + ">";
        string arguments = string.Join(", ", syntax.ParameterList.Parameters.Select(p => p.Identifier.Text));
        string call = (method.IsStatic ? "" : "this.") + syntax.Identifier.Text + typeArguments + "(" + arguments + ");";
        return "{\n    " + GeneratedNames.EntryStatement + "\n    " + (method.ReturnsVoid ? "" : "return ") + call + "\n}";
    }

    /// <summary>
    /// The twin is at least internal, so that the interceptors (in another class) can spawn it,
    /// unless its signature uses a type that the rest of the assembly cannot see.
    /// </summary>
    private static string Accessibility(IMethodSymbol method, Compilation compilation)
    {
        bool canWiden = method.Parameters.All(p => TypeNames.IsVisibleInAssembly(p.Type, compilation))
            && (method.ReturnsVoid || TypeNames.IsVisibleInAssembly(method.ReturnType, compilation));
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

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }
}
