using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// The checks on a <c>[Goroutine]</c> method's declaration (GOSH001–005, GOSH008). A method that
/// fails any of them gets no twin, and calls to it from goroutine code stay ordinary (blocking)
/// calls, so the generated code always compiles. Syntax-only apart from the symbol, and computed
/// once per method symbol: cheap enough to ask about every callee.
/// </summary>
internal static class SignatureRules
{
    /// <summary>
    /// The violations of each method asked about, kept as long as its symbol (so per compilation):
    /// the six signature analyzers, the body analyzer, GOSH014, the generator and every call site
    /// of the method ask about the same symbol, and the iterator and partial checks walk syntax.
    /// </summary>
    private static readonly ConditionalWeakTable<IMethodSymbol, RuleViolation[]> s_violations = new();

    /// <summary>True if the method gets a twin.</summary>
    public static bool IsRewritable(IMethodSymbol method) => ViolationsOf(method).Count == 0;

    /// <summary>Every signature-level violation of <paramref name="method"/>.</summary>
    public static IReadOnlyList<RuleViolation> ViolationsOf(IMethodSymbol method) =>
        s_violations.GetValue(method, static m =>
        {
            var violations = new List<RuleViolation>();
            Check(m, violations);
            return violations.ToArray();
        });

    private static void Check(IMethodSymbol method, List<RuleViolation> into)
    {
        Location where = method.Locations.FirstOrDefault() ?? Location.None;
        MethodDeclarationSyntax? syntax = DeclarationOf(method);

        string? unsupported = UnsupportedMemberKind(method, syntax);
        if (unsupported is not null)
        {
            into.Add(new RuleViolation(RuleId.UnsupportedMember, where, unsupported));
            return;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type))
            {
                into.Add(new RuleViolation(RuleId.NonPartialType, where, type.Name));
                break;
            }
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            string? problem = parameter.RefKind switch
            {
                RefKind.Ref => "a ref parameter",
                RefKind.Out => "an out parameter",
                RefKind.In => "an in parameter",
                RefKind.None when parameter.ScopedKind != ScopedKind.None => "a scoped parameter",
                RefKind.None when parameter.Type.IsRefLikeType => "a parameter of ref struct type '" + parameter.Type.Name + "'",
                RefKind.None when parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol => "a pointer parameter",
                RefKind.None => null,
                _ => "a ref readonly parameter",
            };
            if (problem is not null)
            {
                into.Add(new RuleViolation(RuleId.UnsupportedParameter, parameter.Locations.FirstOrDefault() ?? where, parameter.Name + "' is " + problem));
            }
        }

        if (method.IsAsync)
        {
            Location asyncKeyword = syntax?.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.AsyncKeyword)).GetLocation() ?? where;
            into.Add(new RuleViolation(RuleId.AsyncMethod, asyncKeyword, method.Name));
        }
        else if (syntax is not null && IsIterator(syntax))
        {
            into.Add(new RuleViolation(RuleId.IteratorMethod, where, method.Name));
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            into.Add(new RuleViolation(RuleId.UnsupportedReturnType, where, "returns by reference"));
        }
        else if (method.ReturnType.IsRefLikeType)
        {
            into.Add(new RuleViolation(RuleId.UnsupportedReturnType, where, "returns the ref struct '" + method.ReturnType.Name + "'"));
        }
        else if (method.ReturnType is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            into.Add(new RuleViolation(RuleId.UnsupportedReturnType, where, "returns a pointer"));
        }
    }

    /// <summary>The declaration with a body, or null for a method from metadata.</summary>
    public static MethodDeclarationSyntax? DeclarationOf(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is MethodDeclarationSyntax declaration)
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>
    /// GOSH008's words for a <c>[Goroutine]</c> local function: a program written with top-level
    /// statements (the console template's) gets told where its goroutines can go instead.
    /// </summary>
    public static string LocalFunctionKind(SyntaxNode? declaration) =>
        declaration?.Parent is GlobalStatementSyntax
            ? "a local function of the top-level statements (declare it as a static method in `partial class Program { }` after them)"
            : "a local function";

    private static string? UnsupportedMemberKind(IMethodSymbol method, MethodDeclarationSyntax? syntax)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return LocalFunctionKind(method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax());
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "a " + method.MethodKind.ToString().ToLowerInvariant();
        }

        if (method.ContainingType is null || method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return "an interface member";
        }

        if (method.IsAbstract || method.IsVirtual || method.IsOverride)
        {
            return "virtual, abstract or override (a twin cannot be dispatched virtually)";
        }

        if (method.IsExtern || method.IsPartialDefinition || method.PartialImplementationPart is not null || method.PartialDefinitionPart is not null)
        {
            return "extern or partial";
        }

        if (method.IsVararg)
        {
            return "a method with __arglist";
        }

        if (!method.IsStatic && method.ContainingType.IsValueType)
        {
            return "an instance method of a struct (the twin would run on a copy)";
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                return "a member of a file-local type";
            }
        }

        if (syntax is not null)
        {
            if (syntax.Body is null && syntax.ExpressionBody is null)
            {
                return "a method without a body";
            }

            if (syntax.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                || syntax.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.Modifiers.Any(SyntaxKind.UnsafeKeyword)))
            {
                return "unsafe code (a goroutine cannot park in an unsafe context)";
            }

        }

        return null;
    }

    private static bool IsPartial(INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            // Top-level statements declare Program with no syntax of its own (the compilation
            // unit): it merges with `partial class Program { ... }` like any partial declaration.
            SyntaxNode syntax = reference.GetSyntax();
            if (syntax is CompilationUnitSyntax)
            {
                continue;
            }

            if (syntax is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIterator(MethodDeclarationSyntax syntax)
    {
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        return body is not null && body
            .DescendantNodes(node => !IsNestedFunction(node))
            .Any(node => node is YieldStatementSyntax);
    }

    /// <summary>Lambdas, anonymous methods and local functions: code that is not the method's own.</summary>
    public static bool IsNestedFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;
}
