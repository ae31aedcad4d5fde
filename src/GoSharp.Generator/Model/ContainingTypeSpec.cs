namespace GoSharp.Generator.Model;

/// <summary>An enclosing type, reproduced as a partial declaration: e.g. <c>static partial class Outer&lt;T&gt;</c>.</summary>
internal sealed record ContainingTypeSpec(string Declaration);
