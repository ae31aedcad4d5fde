using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;

namespace GoSharp.Generator.Emitting;

/// <summary>
/// The interceptors of <c>wg.Go(() =&gt; F(args))</c> in ordinary code. The outer one puts the group
/// in a thread-static slot and runs the lambda at once, which evaluates F's receiver and arguments
/// at the call; the lambda's call to F, intercepted in turn, takes the group from the slot,
/// <c>Add(1)</c>s and spawns a generated goroutine that awaits F's twin (so it parks, blocking no
/// thread) and calls <c>Done()</c> when the twin returns or throws; the exception then leaves the
/// goroutine and fails the run, as <c>WaitGroup.Go</c>'s does. One allocation a spawn, as for
/// <c>go(() =&gt; F(args))</c>, and nothing in the runtime: a hook on goroutine exit would cost
/// every goroutine a field.
/// </summary>
internal static class WaitGroupGoInterceptors
{
    private const string WaitGroup = "global::GoSharp.WaitGroup";
    private const string Slot = "s_waitGroup";

    /// <summary>The slot and the one outer interceptor of every <c>wg.Go</c> site, if there is any.</summary>
    /// <param name="w">The interceptors' class, open.</param>
    /// <param name="specs">Every site.</param>
    /// <param name="separate">True if members come before these (a blank line goes between).</param>
    public static void EmitOuter(SourceWriter w, ImmutableEquatableArray<InterceptorSpec> specs, bool separate)
    {
        bool any = false;
        foreach (InterceptorSpec spec in specs)
        {
            if (spec.Api != InterceptedApi.WaitGroupGo)
            {
                continue;
            }

            if (!any)
            {
                if (separate)
                {
                    w.Line();
                }

                w.Line("// wg.Go(() => F(args)): run the lambda now, the group in a slot; its call to F (intercepted below) counts and starts the goroutine with the arguments evaluated.");
                w.Line("[global::System.ThreadStatic]");
                w.Line("private static " + WaitGroup + "? " + Slot + ";");
                w.Line();
            }

            any = true;
            InterceptorEmitter.Attribute(w, spec.Outer);
        }

        if (!any)
        {
            return;
        }

        w.Line("public static void WaitGroupGo(this " + WaitGroup + " wg, global::System.Action f)");
        w.OpenBlock();
        w.Line("// As the call it replaces: a null group throws before F's arguments are evaluated.");
        w.Line("_ = wg ?? throw new global::System.NullReferenceException();");
        w.Line("// Restored afterwards: evaluating F's arguments may run another wg.Go.");
        w.Line(WaitGroup + "? outer = " + Slot + ";");
        w.Line(Slot + " = wg;");
        w.Line("try");
        w.OpenBlock();
        w.Line("f();");
        w.CloseBlock();
        w.Line("finally");
        w.OpenBlock();
        w.Line(Slot + " = outer;");
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>The inner interceptor of site <paramref name="n"/> and, for a twin, its counted goroutine.</summary>
    public static void EmitInner(SourceWriter w, InterceptorSpec spec, string n)
    {
        string call = spec.Target + "(" + spec.InnerArguments + ")";
        InterceptorEmitter.Attribute(w, spec.Inner);
        w.Line("public static " + (spec.ReturnType ?? "void") + " WaitGroupSpawn" + n + "(" + spec.InnerParameters + ")");
        w.OpenBlock();
        w.Line(WaitGroup + " wg = " + Slot + "!;");
        if (spec.Callee == InterceptedCallee.Twin)
        {
            w.Line("wg.Add(1);");
            string receiver = spec.Target.StartsWith("@this.", System.StringComparison.Ordinal) ? ", @this" : "";
            w.Line(GeneratedNames.Spawn + "(Counted" + n + "(" + GeneratedNames.EntrySpawn + ", wg" + receiver + (spec.InnerArguments.Length > 0 ? ", " + spec.InnerArguments : "") + "));");
        }
        else
        {
            // An ordinary method: WaitGroup.Go itself counts it, with the arguments evaluated.
            w.Line(spec.Callee == InterceptedCallee.AwaitableForm ? "wg.Go(async () => await " + call + ");" : "wg.Go(() => " + call + ");");
        }

        if (spec.ReturnType is not null)
        {
            w.Line("return default!;");
        }

        w.CloseBlock();
        if (spec.Callee != InterceptedCallee.Twin)
        {
            return;
        }

        string twin = spec.Target + "(" + GeneratedNames.EntryCall + (spec.InnerArguments.Length > 0 ? ", " + spec.InnerArguments : "") + ")";
        w.Line();
        w.Line("private static async " + GeneratedNames.GoTask + " Counted" + n + "(" + GeneratedNames.GoroutineEntry + " entry, " + WaitGroup + " wg" + (spec.PlainParameters.Length > 0 ? ", " + spec.PlainParameters : "") + ")");
        w.OpenBlock();
        w.Line("await entry;");
        w.Line("try");
        w.OpenBlock();
        w.Line("await " + twin + ";");
        w.CloseBlock();
        w.Line("finally");
        w.OpenBlock();
        w.Line("wg.Done();");
        w.CloseBlock();
        w.CloseBlock();
    }
}
