namespace GoSharp.Generator.Model;

/// <summary>An enclosing namespace declaration and the using directives written inside it.</summary>
internal sealed record NamespaceSpec(string Name, ImmutableEquatableArray<string> Usings);
