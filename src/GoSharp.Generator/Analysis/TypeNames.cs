using System.Linq;
using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// How generated code spells a type, and whether it can: one format for every emitted type name,
/// and one predicate for "can generated code at this place name this type".
/// </summary>
internal static class TypeNames
{
    /// <summary><c>global::</c>-qualified, with <c>?</c> on nullable reference types.</summary>
    public static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The type as generated code spells it.</summary>
    public static string Of(ITypeSymbol type) => type.ToDisplayString(Format);

    /// <summary>
    /// True if generated code can name <paramref name="type"/>: no anonymous, error, pointer or
    /// dynamic types. Inside the user's type (a twin, a loop helper) that is all; from outside it
    /// (<paramref name="fromOutsideType"/>, the interceptors' file-local class) the type must also be
    /// accessible anywhere in <paramref name="compilation"/>'s assembly, must not be ref-like and
    /// must not mention a type parameter.
    /// </summary>
    public static bool IsNameable(ITypeSymbol type, Compilation? compilation = null, bool fromOutsideType = false) => type switch
    {
        IErrorTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol => false,
        ITypeParameterSymbol => !fromOutsideType,
        IArrayTypeSymbol array => IsNameable(array.ElementType, compilation, fromOutsideType),
        INamedTypeSymbol { IsAnonymousType: true } => false,
        INamedTypeSymbol named => named.TypeArguments.All(t => IsNameable(t, compilation, fromOutsideType))
            && (named.ContainingType is null || IsNameable(named.ContainingType, compilation, fromOutsideType))
            && (!fromOutsideType || (!named.IsRefLikeType && IsVisibleInAssembly(named, compilation!))),
        _ => !fromOutsideType,
    };

    /// <summary>True if code anywhere in the assembly can see <paramref name="type"/> (type parameters and pointers included): a twin can then be widened to internal.</summary>
    public static bool IsVisibleInAssembly(ITypeSymbol type, Compilation compilation) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsVisibleInAssembly(array.ElementType, compilation),
        IPointerTypeSymbol pointer => IsVisibleInAssembly(pointer.PointedAtType, compilation),
        INamedTypeSymbol named => compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, compilation.Assembly)
            && named.TypeArguments.All(t => IsVisibleInAssembly(t, compilation)),
        _ => compilation.IsSymbolAccessibleWithin(type, compilation.Assembly),
    };
}
