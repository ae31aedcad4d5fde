using GoSharp.Generator.Analysis;

namespace GoSharp.Generator.Model;

/// <summary>
/// One <c>go(() =&gt; F(args))</c> / <c>wg.Go(() =&gt; F(args))</c> / <c>Go.Run(() =&gt; F(args))</c> site in ordinary code. Two calls
/// are intercepted: the outer API call, which invokes the lambda at once (so <c>args</c> are
/// evaluated at the call, as Go does), and the inner call <c>F(args)</c>, which creates F's twin
/// instead of running F (or, for a go statement calling an ordinary method, starts a goroutine
/// that calls it with the arguments already evaluated).
/// </summary>
/// <param name="Api">The outer API.</param>
/// <param name="SortKey">File path and position, for a deterministic order.</param>
/// <param name="Outer">Where the outer call is.</param>
/// <param name="Inner">Where the inner call is.</param>
/// <param name="InnerParameters">The inner interceptor's parameter list (with <c>this</c> for an instance method).</param>
/// <param name="PlainParameters">The same parameters without <c>this</c> and <c>params</c>, for a helper that receives them (<c>wg.Go</c>'s counted goroutine).</param>
/// <param name="InnerArguments">The arguments forwarded to the twin (after the entry) or to the method.</param>
/// <param name="Callee">What the inner interceptor calls.</param>
/// <param name="Target">The method to call, e.g. <c>global::NS.Program.Fetch__Goroutine</c>, <c>@this.Fetch__Goroutine</c> or <c>@this.SendAsync</c>.</param>
/// <param name="ReturnType">F's return type, fully qualified, or null for void.</param>
internal sealed record InterceptorSpec(
    InterceptedApi Api,
    string SortKey,
    InterceptedCall Outer,
    InterceptedCall Inner,
    string InnerParameters,
    string PlainParameters,
    string InnerArguments,
    InterceptedCallee Callee,
    string Target,
    string? ReturnType);
