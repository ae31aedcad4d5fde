namespace GoSharp.Generator.Analysis;

/// <summary>
/// Every name the generated code spells: the runtime members twins and interceptors call, and the
/// generator's own identifiers. One home, so that the rewriter, the loop outliner and the emitters
/// agree, and a rename in the runtime is one edit here.
/// </summary>
/// <remarks>
/// Runtime names are <c>global::</c>-qualified so that they bind whatever the user's file imports
/// or declares. The generator's identifiers start with <c>__go</c>, which C# code does not use by
/// convention, so they cannot clash with the user's names.
/// </remarks>
internal static class GeneratedNames
{
    // ---- Twins ------------------------------------------------------------------------------

    /// <summary>A twin is named after its method: <c>Fetch</c> → <c>Fetch__Goroutine</c>.</summary>
    public const string TwinSuffix = "__Goroutine";

    /// <summary>The twin's first parameter, which receives the <c>GoroutineEntry</c>.</summary>
    public const string EntryParameter = "__goEntry";

    /// <summary>The first statement of every twin and parking function: the method-entry checkpoint.</summary>
    public const string EntryStatement = "await " + EntryParameter + ";";

    /// <summary>The name of the twin of <paramref name="methodName"/>.</summary>
    public static string TwinName(string methodName) => methodName + TwinSuffix;

    // ---- Runtime API ----------------------------------------------------------------------------

    public const string GoTask = "global::GoSharp.CompilerServices.GoTask";
    public const string GoroutineEntry = "global::GoSharp.CompilerServices.GoroutineEntry";
    public const string EntryCall = GoroutineEntry + ".Call";
    public const string EntrySpawn = GoroutineEntry + ".Spawn";
    public const string Goroutines = "global::GoSharp.CompilerServices.Goroutines";
    public const string Spawn = Goroutines + ".Spawn";
    public const string GoStatement = "global::GoSharp.Go.go";
    public const string PreemptionFlag = "global::GoSharp.CompilerServices.PreemptionFlag";
    public const string CurrentPreemptionFlag = "global::GoSharp.CompilerServices.Preemption.Current";
    public const string ParkSite = "global::GoSharp.CompilerServices.ParkSite";
    public const string SelectResult = "global::GoSharp.SelectResult";
    public const string Received = "global::GoSharp.Received";

    /// <summary>The yield point of a loop back-edge, and of a loop helper's caller.</summary>
    public const string CheckpointStatement = "await global::GoSharp.CompilerServices.Preemption.Checkpoint();";

    /// <summary><c>GoTask</c>, or <c>GoTask&lt;T&gt;</c> for a function returning <paramref name="returnType"/> (null for void).</summary>
    public static string GoTaskOf(string? returnType) => returnType is null ? GoTask : GoTask + "<" + returnType + ">";

    // ---- Generated helper classes ---------------------------------------------------------------

    /// <summary>The namespace of the generated helper classes and interceptors; consumers opt in to it for interceptors.</summary>
    public const string GeneratedNamespace = "GoSharp.Generated";

    /// <summary>The file-local class holding a twin file's park sites and <c>At(site, awaitable)</c>.</summary>
    public const string SitesClassName = "GoroutineSites";
    public const string SitesClass = "global::" + GeneratedNamespace + "." + SitesClassName;

    /// <summary>The file-local class holding <c>Bind(result, out ...)</c> for selects with out cases.</summary>
    public const string SelectClassName = "GoroutineSelect";
    public const string SelectBinder = "global::" + GeneratedNamespace + "." + SelectClassName + ".Bind";

    /// <summary>The file-local class of the interceptors.</summary>
    public const string InterceptorsClassName = "GoroutineInterceptors";

    /// <summary>The name of park site number <paramref name="index"/> of <paramref name="methodName"/>'s twin.</summary>
    public static string SiteName(string methodName, int index) =>
        "__goSite_" + methodName + "_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // ---- Identifiers inside twins ---------------------------------------------------------------

    /// <summary>The local holding the goroutine's <c>PreemptionFlag</c> in the function at nesting depth <paramref name="depth"/>.</summary>
    public static string PreemptionLocal(int depth) => "__goPreempt" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An outlined loop's local function, and the names inside it (see <c>LoopOutliner</c>).</summary>
    public const string LoopHelperPrefix = "__goLoop";
    public const string LoopRefPrefix = "__goRef_";
    public const string LoopItems = "__goItems";
    public const string LoopIndex = "__goIndex";
    public const string LoopInner = "__goInner";
    public const string LoopEnd = "__goEnd";
    public const string LoopFlag = "__goFlag";
    public const string LoopYield = "__goYield";

    /// <summary>The flag test a helper's loop runs before its condition: false, with the yield flag set, when asked to yield.</summary>
    public const string LoopPoll = "(!" + LoopFlag + ".IsRequested || !(" + LoopYield + " = true))";
}
