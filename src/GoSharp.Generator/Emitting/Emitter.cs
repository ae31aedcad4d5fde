using GoSharp.Generator.Model;
using GoSharp.Generator.Parsing;

namespace GoSharp.Generator.Emitting;

/// <summary>Writes one goroutine twin's file from its spec.</summary>
internal static class Emitter
{
    public static string Emit(GoroutineMethodSpec spec)
    {
        var w = new SourceWriter();
        SourceWriter.Header(w);
        foreach (string directive in spec.Usings)
        {
            w.Line(directive);
        }

        if (spec.Usings.Count > 0)
        {
            w.Line();
        }

        foreach (NamespaceSpec ns in spec.Namespaces)
        {
            w.Line("namespace " + ns.Name);
            w.OpenBlock();
            foreach (string directive in ns.Usings)
            {
                w.Line(directive);
            }
        }

        foreach (ContainingTypeSpec type in spec.ContainingTypes)
        {
            w.Line(type.Declaration);
            w.OpenBlock();
        }

        w.Raw(spec.NullableDirective);
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line(spec.Signature);
        if (spec.FilePath.Length > 0)
        {
            w.Raw("#line " + spec.BodyLine + " " + SourceWriter.Literal(spec.FilePath));
        }

        w.Raw(spec.Body);
        if (spec.FilePath.Length > 0)
        {
            w.Raw("#line default");
        }

        w.Raw("#nullable enable");
        for (int i = 0; i < spec.ContainingTypes.Count; i++)
        {
            w.CloseBlock();
        }

        for (int i = 0; i < spec.Namespaces.Count; i++)
        {
            w.CloseBlock();
        }

        if (spec.SelectBindArities.Count > 0)
        {
            w.Line();
            EmitSelectBinder(w, spec.SelectBindArities);
        }

        if (spec.Sites.Count > 0)
        {
            w.Line();
            EmitSites(w, spec.Sites);
        }

        return w.ToString();
    }

    /// <summary>
    /// The twin's park sites, one static <c>ParkSite</c> each, and <c>At(site, awaitable)</c>,
    /// which announces the site between evaluating the awaitable and awaiting it. File-local, so
    /// that overloads and generic types need no distinct names and the user's type gets no members.
    /// </summary>
    private static void EmitSites(SourceWriter w, ImmutableEquatableArray<ParkSiteSpec> sites)
    {
        const string ParkSite = "global::GoSharp.CompilerServices.ParkSite";
        w.Line("namespace GoSharp.Generated");
        w.OpenBlock();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line("file static class GoroutineSites");
        w.OpenBlock();
        foreach (ParkSiteSpec site in sites)
        {
            w.Line("public static readonly " + ParkSite + " " + site.Name + " = new(" + SourceWriter.Literal(site.File) + ", "
                + site.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + SourceWriter.Literal(site.Operation) + ");");
        }

        w.Line();
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Line("public static T At<T>(" + ParkSite + " site, T awaitable)");
        w.OpenBlock();
        w.Line(ParkSite + ".Next(site);");
        w.Line("return awaitable;");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>
    /// <c>GoroutineSelect.Bind(await SelectAsync(...), out a, out b)</c> hands a select's results
    /// to the user's out variables and returns the chosen index. File-local, so that every
    /// generated file can have its own without clashing.
    /// </summary>
    private static void EmitSelectBinder(SourceWriter w, ImmutableEquatableArray<int> arities)
    {
        const string TypeParameters = "T0, T1, T2, T3, T4, T5, T6, T7";
        w.Line("namespace GoSharp.Generated");
        w.OpenBlock();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line("file static class GoroutineSelect");
        w.OpenBlock();
        bool first = true;
        foreach (int arity in arities)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var parameters = new System.Text.StringBuilder();
            for (int i = 0; i < arity; i++)
            {
                parameters.Append(", out global::GoSharp.Received<T").Append(i).Append("> case").Append(i);
            }

            w.Line("public static int Bind<" + TypeParameters + ">(global::GoSharp.SelectResult<" + TypeParameters + "> result" + parameters + ")");
            w.OpenBlock();
            for (int i = 0; i < arity; i++)
            {
                w.Line("case" + i + " = result.Case" + i + ";");
            }

            w.Line("return result.Index;");
            w.CloseBlock();
        }

        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>The emitted entry statement, for documentation and tests.</summary>
    public static string EntryStatement => "await " + TwinNaming.EntryParameter + ";";
}
