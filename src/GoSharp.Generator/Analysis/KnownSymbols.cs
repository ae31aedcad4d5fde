using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Analysis;

/// <summary>The GoSharp types the generator and the analyzers look for, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    public const string GoroutineAttributeName = "GoSharp.GoroutineAttribute";
    public const string AwaitableFormAttributeName = "GoSharp.CompilerServices.AwaitableFormAttribute";
    public const string GoName = "GoSharp.Go";
    public const string GoroutineEntryName = "GoSharp.CompilerServices.GoroutineEntry";

    private KnownSymbols(INamedTypeSymbol? goroutineAttribute, INamedTypeSymbol? awaitableFormAttribute, INamedTypeSymbol? go, INamedTypeSymbol? goroutineEntry)
    {
        GoroutineAttribute = goroutineAttribute;
        AwaitableFormAttribute = awaitableFormAttribute;
        Go = go;
        GoroutineEntry = goroutineEntry;
    }

    public INamedTypeSymbol? GoroutineAttribute { get; }

    public INamedTypeSymbol? AwaitableFormAttribute { get; }

    public INamedTypeSymbol? Go { get; }

    public INamedTypeSymbol? GoroutineEntry { get; }

    /// <summary>False when the compilation does not reference the GoSharp runtime.</summary>
    public bool HasRuntime => GoroutineAttribute is not null && Go is not null && GoroutineEntry is not null;

    public static KnownSymbols From(Compilation compilation) => new(
        compilation.GetTypeByMetadataName(GoroutineAttributeName),
        compilation.GetTypeByMetadataName(AwaitableFormAttributeName),
        compilation.GetTypeByMetadataName(GoName),
        compilation.GetTypeByMetadataName(GoroutineEntryName));

    /// <summary>True if <paramref name="method"/> carries <c>[Goroutine]</c>.</summary>
    public bool IsGoroutine(IMethodSymbol method)
    {
        if (GoroutineAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GoroutineAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name in <c>[AwaitableForm("name")]</c> on <paramref name="method"/>, if any.</summary>
    public string? AwaitableFormOf(IMethodSymbol method)
    {
        if (AwaitableFormAttribute is null)
        {
            return null;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, AwaitableFormAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name
                && name.Length > 0)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>True if <paramref name="method"/> is one of <c>Go.go</c>'s overloads.</summary>
    public bool IsGoStatement(IMethodSymbol method) =>
        method.Name == "go" && SymbolEqualityComparer.Default.Equals(method.ContainingType, Go);

    /// <summary>True if <paramref name="method"/> is one of <c>Go.Select</c>'s overloads.</summary>
    public bool IsSelect(IMethodSymbol method) =>
        method.Name == "Select" && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition.ContainingType, Go);
}
