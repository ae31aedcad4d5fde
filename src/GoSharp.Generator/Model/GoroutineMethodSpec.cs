namespace GoSharp.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one goroutine twin. Only strings, numbers and equatable
/// arrays: no symbols, syntax nodes or locations, so an unrelated edit compares equal and the
/// pipeline stops here.
/// </summary>
/// <param name="HintName">The generated file's name (unique per method, stable across runs).</param>
/// <param name="Usings">The <c>extern alias</c> and <c>using</c> directives of the user's file, as written.</param>
/// <param name="Namespaces">The enclosing namespace declarations, outermost first.</param>
/// <param name="ContainingTypes">The enclosing type declarations, outermost first.</param>
/// <param name="Signature">The twin's declaration up to its body.</param>
/// <param name="Body">The rewritten body, line-for-line aligned with the user's body.</param>
/// <param name="FilePath">The user's file, for <c>#line</c>.</param>
/// <param name="BodyLine">The 1-based line of the user's body.</param>
/// <param name="NullableDirective">The <c>#nullable</c> directive in force at the user's method.</param>
/// <param name="SelectBindArities">How many out parameters each needed <c>Bind</c> helper takes (Select with <c>out</c> cases).</param>
/// <param name="Sites">The body's park sites, in source order.</param>
internal sealed record GoroutineMethodSpec(
    string HintName,
    ImmutableEquatableArray<string> Usings,
    ImmutableEquatableArray<NamespaceSpec> Namespaces,
    ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
    string Signature,
    string Body,
    string FilePath,
    int BodyLine,
    string NullableDirective,
    ImmutableEquatableArray<int> SelectBindArities,
    ImmutableEquatableArray<ParkSiteSpec> Sites);

/// <summary>An enclosing namespace declaration and the using directives written inside it.</summary>
internal sealed record NamespaceSpec(string Name, ImmutableEquatableArray<string> Usings);

/// <summary>An enclosing type, reproduced as a partial declaration: e.g. <c>static partial class Outer&lt;T&gt;</c>.</summary>
internal sealed record ContainingTypeSpec(string Declaration);

/// <summary>
/// A park site of a twin's body: a static <c>ParkSite</c> named <paramref name="Name"/> in the
/// file-local <c>GoroutineSites</c> class, announced just before the operation parks.
/// </summary>
/// <param name="Name">The field's name, e.g. <c>__goSite_Relay_0</c>.</param>
/// <param name="File">The user's file (the compiler's path, with <c>/pathmap</c> applied).</param>
/// <param name="Line">The 1-based line of the operation.</param>
/// <param name="Operation">The operation as written, e.g. <c>ch.Receive()</c>.</param>
internal sealed record ParkSiteSpec(string Name, string File, int Line, string Operation);
