namespace GoSharp.Generator.Parsing;

/// <summary>
/// How a <c>[Goroutine]</c> method's twin is named: the method's name plus <see cref="Suffix"/>,
/// in the same type, with the same type parameters, and the same parameters after a leading
/// <c>GoroutineEntry</c>. Overloads therefore get overloaded twins, and a referenced assembly's
/// twins are found by name and shape.
/// </summary>
internal static class TwinNaming
{
    public const string Suffix = "__Goroutine";

    /// <summary>The twin's parameter that receives the <c>GoroutineEntry</c>.</summary>
    public const string EntryParameter = "__goEntry";

    public static string TwinName(string methodName) => methodName + Suffix;
}
