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
/// <param name="Body">The rewritten body, line-for-line aligned with the user's body; or, with <paramref name="LimitedSupportReason"/>, a body that calls the original method.</param>
/// <param name="FilePath">The user's file, for <c>#line</c>.</param>
/// <param name="BodyLine">The 1-based line of the user's body.</param>
/// <param name="CloseBraceLine">The 1-based line of the user's body's closing brace (for a block body with loop helpers).</param>
/// <param name="NullableDirective">The <c>#nullable</c> directive in force at the user's method.</param>
/// <param name="LoopHelpers">The outlined loops' local functions, placed before the body's closing brace.</param>
/// <param name="SelectBindArities">How many out parameters each needed <c>Bind</c> helper takes (Select with <c>out</c> cases).</param>
/// <param name="Sites">The body's park sites, in source order.</param>
/// <param name="LimitedSupportReason">
/// Why the body could not be rewritten (the analyzers report it, e.g. GOSH009), or null. Such a
/// method still gets a twin, so that every call site is rewritten from the callee's signature
/// alone; the twin runs the original method, which blocks the goroutine's thread where it blocks.
/// </param>
internal sealed record GoroutineMethodSpec(
    string HintName,
    ImmutableEquatableArray<string> Usings,
    ImmutableEquatableArray<NamespaceSpec> Namespaces,
    ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
    string Signature,
    string Body,
    string FilePath,
    int BodyLine,
    int CloseBraceLine,
    string NullableDirective,
    ImmutableEquatableArray<LoopHelperSpec> LoopHelpers,
    ImmutableEquatableArray<int> SelectBindArities,
    ImmutableEquatableArray<ParkSiteSpec> Sites,
    string? LimitedSupportReason);
