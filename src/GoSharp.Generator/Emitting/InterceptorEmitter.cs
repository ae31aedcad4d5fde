using System.Globalization;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;

namespace GoSharp.Generator.Emitting;

/// <summary>
/// Writes the interceptors of every <c>go(() =&gt; F(args))</c> / <c>Go.Run(() =&gt; F(args))</c>
/// (and <c>SyncTest.Run</c>/<c>Explore</c>, and <c>wg.Go</c>: see <see cref="WaitGroupGoInterceptors"/>) site. Each site has two: the outer call invokes the lambda at once, which evaluates F's
/// receiver and arguments in the caller, as Go evaluates a go statement's; the lambda's call to F
/// is intercepted in turn and creates F's twin as a new goroutine instead of running F.
/// </summary>
internal static class InterceptorEmitter
{
    private const string Entry = GeneratedNames.EntrySpawn;
    private const string Goroutines = GeneratedNames.Goroutines;

    public static string Emit(ImmutableEquatableArray<InterceptorSpec> specs)
    {
        var w = new SourceWriter();
        SourceWriter.Header(w);
        w.Line();
        w.Line("namespace System.Runtime.CompilerServices");
        w.OpenBlock();
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        w.Line("file sealed class InterceptsLocationAttribute : global::System.Attribute");
        w.OpenBlock();
        w.Line("public InterceptsLocationAttribute(int version, string data)");
        w.OpenBlock();
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
        w.Line();
        w.Line("namespace " + GeneratedNames.GeneratedNamespace);
        w.OpenBlock();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line("file static class " + GeneratedNames.InterceptorsClassName);
        w.OpenBlock();

        bool anyGo = false;
        foreach (InterceptorSpec spec in specs)
        {
            if (spec.Api == InterceptedApi.Go)
            {
                if (!anyGo)
                {
                    w.Line("// go(() => F(args)): run the lambda now; its call to F (intercepted below) starts the goroutine with the arguments evaluated.");
                }

                anyGo = true;
                Attribute(w, spec.Outer);
            }
        }

        if (anyGo)
        {
            w.Line("public static void Go(global::System.Action f) => f();");
        }

        WaitGroupGoInterceptors.EmitOuter(w, specs, separate: anyGo);

        for (int i = 0; i < specs.Count; i++)
        {
            InterceptorSpec spec = specs[i];
            string n = i.ToString(CultureInfo.InvariantCulture);
            string twin = spec.Target + "(" + Entry + (spec.InnerArguments.Length > 0 ? ", " + spec.InnerArguments : "") + ")";
            string returnType = spec.ReturnType ?? "void";
            string task = GeneratedNames.GoTaskOf(spec.ReturnType);
            w.Line();
            if (spec.Api == InterceptedApi.WaitGroupGo)
            {
                WaitGroupGoInterceptors.EmitInner(w, spec, n);
                continue;
            }

            if (spec.Api == InterceptedApi.Go)
            {
                Attribute(w, spec.Inner);
                w.Line("public static " + returnType + " Spawn" + n + "(" + spec.InnerParameters + ")");
                w.OpenBlock();
                string call = spec.Target + "(" + spec.InnerArguments + ")";
                w.Line(spec.Callee switch
                {
                    InterceptedCallee.Twin => Goroutines + ".Spawn(" + twin + ");",
                    InterceptedCallee.AwaitableForm => GeneratedNames.GoStatement + "(async () => await " + call + ");",
                    _ => GeneratedNames.GoStatement + "(() => " + call + ");",
                });
                if (spec.ReturnType is not null)
                {
                    w.Line("return default!;");
                }

                w.CloseBlock();
                continue;
            }

            // Run/RunAsync/SyncTest: the inner call leaves the twin in a thread-static slot for the outer call.
            w.Line("[global::System.ThreadStatic]");
            w.Line("private static " + task + " s_main" + n + ";");
            w.Line();
            Attribute(w, spec.Outer);
            string mainType = spec.ReturnType is null ? "global::System.Action" : "global::System.Func<" + spec.ReturnType + ">";
            if (spec.Api == InterceptedApi.RunAsync)
            {
                string resultTask = spec.ReturnType is null
                    ? "global::System.Threading.Tasks.Task"
                    : "global::System.Threading.Tasks.Task<" + spec.ReturnType + ">";
                string fromException = spec.ReturnType is null ? "FromException" : "FromException<" + spec.ReturnType + ">";
                w.Line("public static " + resultTask + " RunAsync" + n + "(" + mainType + " main)");
                w.OpenBlock();
                w.Line("try");
                w.OpenBlock();
                w.Line("main();");
                w.CloseBlock();
                w.Line("catch (global::System.Exception e)");
                w.OpenBlock();
                w.Line("return global::System.Threading.Tasks.Task." + fromException + "(e);");
                w.CloseBlock();
                w.Line();
                TakeTwin(w, task, n);
                w.Line("return " + Goroutines + ".RunAsync(goroutine);");
                w.CloseBlock();
            }
            else if (spec.Api == InterceptedApi.SyncTestExplore)
            {
                // Each seed runs a new root: the lambda runs again, evaluating F's arguments again.
                w.Line("public static void Explore" + n + "(global::System.Action main, int runs)");
                w.OpenBlock();
                w.Line(Goroutines + ".ExploreBubbles(() =>");
                w.OpenBlock();
                w.Line("main();");
                TakeTwin(w, task, n);
                w.Line("return goroutine;");
                w.Outdent();
                w.Line("}, runs);");
                w.CloseBlock();
            }
            else
            {
                bool bubble = spec.Api == InterceptedApi.SyncTestRun;
                w.Line("public static " + returnType + " Run" + n + "(" + mainType + " main" + (bubble ? ", long? seed" : "") + ")");
                w.OpenBlock();
                w.Line("main();");
                TakeTwin(w, task, n);
                w.Line((spec.ReturnType is null ? "" : "return ") + Goroutines + (bubble ? ".RunBubble(goroutine, seed);" : ".Run(goroutine);"));
                w.CloseBlock();
            }

            w.Line();
            Attribute(w, spec.Inner);
            w.Line("public static " + returnType + " Main" + n + "(" + spec.InnerParameters + ")");
            w.OpenBlock();
            w.Line("s_main" + n + " = " + twin + ";");
            if (spec.ReturnType is not null)
            {
                w.Line("return default!;");
            }

            w.CloseBlock();
        }

        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    /// <summary>The outer interceptor of Run/RunAsync/SyncTest takes the twin the inner one left, clearing the slot.</summary>
    private static void TakeTwin(SourceWriter w, string task, string n)
    {
        w.Line(task + " goroutine = s_main" + n + ";");
        w.Line("s_main" + n + " = default;");
    }

    internal static void Attribute(SourceWriter w, InterceptedCall call) =>
        w.Line("[global::System.Runtime.CompilerServices.InterceptsLocation(" + call.Version.ToString(CultureInfo.InvariantCulture)
            + ", " + SourceWriter.Literal(call.Data) + ")] // " + call.Display);
}
