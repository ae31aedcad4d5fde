using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Analysis;

/// <summary>The GoSharp types the generator and the analyzers look for, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    public const string GoroutineAttributeName = "GoSharp.GoroutineAttribute";
    public const string AwaitableFormAttributeName = "GoSharp.CompilerServices.AwaitableFormAttribute";
    public const string GoName = "GoSharp.Go";
    public const string SyncTestName = "GoSharp.Testing.SyncTest";
    public const string GoroutineEntryName = "GoSharp.CompilerServices.GoroutineEntry";
    public const string GoroutineCodeAttributeName = "GoSharp.CompilerServices.GoroutineCodeAttribute";
    public const string GoTaskName = "GoSharp.CompilerServices.GoTask";
    public const string GenericGoTaskName = "GoSharp.CompilerServices.GoTask`1";
    public const string WaitGroupName = "GoSharp.WaitGroup";

    private KnownSymbols(Compilation compilation)
    {
        GoroutineAttribute = compilation.GetTypeByMetadataName(GoroutineAttributeName);
        AwaitableFormAttribute = compilation.GetTypeByMetadataName(AwaitableFormAttributeName);
        Go = compilation.GetTypeByMetadataName(GoName);
        SyncTest = compilation.GetTypeByMetadataName(SyncTestName);
        GoroutineEntry = compilation.GetTypeByMetadataName(GoroutineEntryName);
        GoroutineCodeAttribute = compilation.GetTypeByMetadataName(GoroutineCodeAttributeName);
        GoTask = compilation.GetTypeByMetadataName(GoTaskName);
        GenericGoTask = compilation.GetTypeByMetadataName(GenericGoTaskName);
        WaitGroup = compilation.GetTypeByMetadataName(WaitGroupName);
        _compilation = compilation;
    }

    private readonly Compilation _compilation;

    public INamedTypeSymbol? GoroutineAttribute { get; }

    public INamedTypeSymbol? AwaitableFormAttribute { get; }

    public INamedTypeSymbol? Go { get; }

    /// <summary><c>GoSharp.Testing.SyncTest</c>, whose <c>Run</c> and <c>Explore</c> are intercepted like <c>Go.Run</c> (null in runtimes before it).</summary>
    public INamedTypeSymbol? SyncTest { get; }

    public INamedTypeSymbol? GoroutineEntry { get; }

    /// <summary><c>[GoroutineCode]</c>: a lambda given to a parameter that carries it is goroutine code (null in runtimes before it).</summary>
    public INamedTypeSymbol? GoroutineCodeAttribute { get; }

    public INamedTypeSymbol? GoTask { get; }

    public INamedTypeSymbol? GenericGoTask { get; }

    /// <summary><c>GoSharp.WaitGroup</c>, whose <c>Go</c> starts a goroutine as <c>Go.go</c> does.</summary>
    public INamedTypeSymbol? WaitGroup { get; }

    /// <summary><c>System.Func</c> with <paramref name="arity"/> type arguments.</summary>
    public INamedTypeSymbol? Func(int arity) =>
        _compilation.GetTypeByMetadataName("System.Func`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>False when the compilation does not reference the GoSharp runtime.</summary>
    public bool HasRuntime => GoroutineAttribute is not null && Go is not null && GoroutineEntry is not null;

    public static KnownSymbols From(Compilation compilation) => new(compilation);

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

    /// <summary>True if <paramref name="method"/> is one of <c>WaitGroup.Go</c>'s overloads (Go 1.25's <c>wg.Go(f)</c>).</summary>
    public bool IsWaitGroupGo(IMethodSymbol method) =>
        method.Name == "Go" && WaitGroup is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, WaitGroup);

    /// <summary>True if <paramref name="method"/> is one of <c>Go.Select</c>'s overloads.</summary>
    public bool IsSelect(IMethodSymbol method) =>
        method.Name == "Select" && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition.ContainingType, Go);

    /// <summary>True if <paramref name="parameter"/> carries <c>[GoroutineCode]</c>.</summary>
    public bool IsGoroutineCode(IParameterSymbol parameter)
    {
        if (GoroutineCodeAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GoroutineCodeAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True if <paramref name="type"/> is <c>GoTask</c> or a <c>GoTask&lt;T&gt;</c>.</summary>
    public bool IsGoTask(ITypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, GoTask) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, GenericGoTask);
}
