using Microsoft.CodeAnalysis;

namespace GoSharp.Analyzers;

/// <summary>Every GoSharp diagnostic. IDs are never reused; each has a page in docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where docs/diagnostics/ is published; a rule's help link is this plus <c>GOSHnnn.md</c>.</summary>
    public const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/docs/diagnostics/";

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

    public static readonly DiagnosticDescriptor RefStructTemporaryAcrossParkSite = Rule(
        "GOSH021",
        "A park site after a ref struct temporary of its statement cannot be awaited there",
        "{0}; the twin cannot keep the ref struct across the park, so this method's body is not rewritten and its blocking operations block the thread: receive into a local in a statement of its own first",
        DiagnosticSeverity.Warning);

    public const string UsageCategory = "GoSharp.Usage";

    public static readonly DiagnosticDescriptor MissingWait = UsageRule(
        "GOSH010",
        "The goroutines a WaitGroup counts are never waited for",
        "'{0}' counts goroutines with Add, but nothing waits for them before this function returns: call {0}.Wait() before returning",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EntryExitsFirst = UsageRule(
        "GOSH011",
        "The program ends before its goroutines finish",
        "{0} returns without waiting for this goroutine, and the program ends with it: wait for it before returning (a WaitGroup, or a receive from a channel it sends on)",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor AddInsideGoroutine = UsageRule(
        "GOSH012",
        "WaitGroup.Add is called inside the goroutine it counts",
        "'{0}' runs in the new goroutine, so it counts possibly after '{1}.Wait' has returned: call it before starting the goroutine",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DoneNotOnEveryPath = UsageRule(
        "GOSH013",
        "WaitGroup.Done is not called on every path",
        "'{0}.Done()' is skipped when the goroutine returns early or throws, and '{0}.Wait' then waits forever: write 'using var _ = Defer({0}.Done);' at the top instead",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NonPreemptibleLoop = UsageRule(
        "GOSH014",
        "A loop reached from goroutine code cannot be preempted",
        "'{0}' is called from goroutine code ('{1}') and this loop has no preemption checkpoint, so it holds its thread until it ends: mark '{0}' [Goroutine], or call Gosched() in the loop",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor SpinLoop = UsageRule(
        "GOSH015",
        "A loop spins without ever blocking",
        "This loop {0} and never blocks, so it keeps a thread busy doing nothing: {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ThreadBlockingCall = UsageRule(
        "GOSH016",
        "A thread-blocking call in goroutine code",
        "'{0}' blocks the thread, not just this goroutine: use {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LoopVariableCapture = UsageRule(
        "GOSH017",
        "A goroutine captures a for loop's variable",
        "The goroutine reads '{0}', one variable shared by every iteration of the for loop, which may have moved on when it runs: copy '{0}' to a local inside the loop and use the copy",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LostCancel = UsageRule(
        "GOSH018",
        "The cancel function of a context is not called on every path",
        "The cancel function returned by '{0}' is {1}, so the context (and its timer) lives until its parent is canceled: write 'using var _ = Defer(cancel);' after the call",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MutexMisuse = UsageRule(
        "GOSH019",
        "A Mutex is locked or unlocked by mistake",
        "{0}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor TickerLeak = UsageRule(
        "GOSH020",
        "Tick leaks its ticker",
        "Tick starts a ticker that can never be stopped, and {0}: use NewTicker(...) with 'using var _ = Defer(ticker.Stop);' instead",
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, RewritingCategory, severity, isEnabledByDefault: true,
            description: title + ".", helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor UsageRule(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, UsageCategory, severity, isEnabledByDefault: true,
            description: title + ".", helpLinkUri: HelpLinkBase + id + ".md");
}
