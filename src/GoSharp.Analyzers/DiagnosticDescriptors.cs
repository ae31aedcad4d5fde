using Microsoft.CodeAnalysis;

namespace GoSharp.Analyzers;

/// <summary>Every GoSharp diagnostic. IDs are never reused; each has a page in docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where docs/diagnostics/ is published; a rule's help link is this plus <c>GOSHnnn.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/gosharp/gosharp/blob/main/docs/diagnostics/";

    public const string RewritingCategory = "GoSharp.Rewriting";

    public static readonly DiagnosticDescriptor NonPartialType = Rule(
        "GOSH001",
        "The type of a [Goroutine] method must be partial",
        "'{0}' must be declared partial so that the goroutine twin of this method can be generated",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedParameter = Rule(
        "GOSH002",
        "A [Goroutine] method cannot take ref, out, in, scoped, ref struct or pointer parameters",
        "Parameter '{0}, which a parked goroutine cannot hold; pass a value or a reference type instead",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AsyncMethod = Rule(
        "GOSH003",
        "A [Goroutine] method must not be async",
        "'{0}' is async: write goroutine code as ordinary synchronous code, the generator makes its blocking operations park",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor IteratorMethod = Rule(
        "GOSH004",
        "A [Goroutine] method cannot be an iterator",
        "'{0}' is an iterator: return values through a channel instead of yield",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Rule(
        "GOSH005",
        "A [Goroutine] method cannot return by reference or return a ref struct",
        "This [Goroutine] method {0}, which a goroutine cannot return",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParkSiteInForbiddenContext = Rule(
        "GOSH006",
        "A blocking operation where a goroutine cannot park blocks its thread",
        "'{0}: a goroutine cannot park there, so this operation blocks the thread",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor BlockingInsideLambda = Rule(
        "GOSH007",
        "A blocking operation in a lambda or local function blocks the thread",
        "'{0}' is inside a lambda, local function or query that is not goroutine code, so it blocks the thread; move it into the [Goroutine] method or into go(() => ...)",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedMember = Rule(
        "GOSH008",
        "[Goroutine] is not supported on this kind of member",
        "[Goroutine] is not supported on {0}; use a non-virtual method of a class, or a static method",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RefLocalAcrossParkSite = Rule(
        "GOSH009",
        "A ref local or ref struct local cannot live across a park site",
        "'{0}' is a ref local or a local of a ref struct type, which the async twin of this [Goroutine] method cannot keep across a park site (a blocking operation or a loop checkpoint; before C# 13, cannot have at all): the method's body is not rewritten, so its blocking operations block the thread; move the work on '{0}' into a separate non-[Goroutine] method",
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, RewritingCategory, severity, isEnabledByDefault: true,
            description: title + ".", helpLinkUri: HelpLinkBase + id + ".md");
}
