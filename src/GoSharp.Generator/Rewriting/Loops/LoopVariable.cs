using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>A variable an outlined loop's helper gets: its name inside, its type, whether it is copied back, and what the twin passes.</summary>
internal readonly record struct LoopVariable(string Name, string Type, bool ByRef, string Argument)
{
    /// <summary>The by-ref parameter's name (<c>__goRef_event</c> for <c>@event</c>).</summary>
    public string RefName => GeneratedNames.LoopRefPrefix + Name.TrimStart('@');

    /// <summary>The variable <paramref name="symbol"/> passed under its own name.</summary>
    public static LoopVariable Of(ISymbol symbol, bool byRef) => new(NameOf(symbol), TypeNames.Of(TypeOf(symbol)), byRef, NameOf(symbol));

    /// <summary>The variable's name as an identifier (<c>@class</c> for a keyword).</summary>
    public static string NameOf(ISymbol symbol) =>
        SyntaxFacts.GetKeywordKind(symbol.Name) != SyntaxKind.None ? "@" + symbol.Name : symbol.Name;

    /// <summary>The type of a local or parameter.</summary>
    public static ITypeSymbol TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => throw new System.ArgumentException("not a variable", nameof(symbol)),
    };
}
