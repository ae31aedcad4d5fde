using System.Text;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;

namespace GoSharp.Generator.Emitting;

/// <summary>
/// Writes one goroutine twin's file from its spec: the user's directives, namespaces and partial
/// types around the twin; the twin, <c>#line</c>-mapped to the user's body, with the outlined
/// loops' helpers before its closing brace; and the file-local park sites and select binders.
/// </summary>
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
        if (spec.LimitedSupportReason is not null)
        {
            // Generated code of its own, not the user's lines: no #line mapping.
            w.Line("// Not rewritten (" + spec.LimitedSupportReason + "): the original method runs on the goroutine's thread and blocks it where it blocks.");
            w.Raw(spec.Body);
        }
        else
        {
            WriteMappedBody(w, spec);
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

    /// <summary>The rewritten body, <c>#line</c>-mapped to the user's, with the loop helpers before its closing brace.</summary>
    private static void WriteMappedBody(SourceWriter w, GoroutineMethodSpec spec)
    {
        bool mapped = spec.FilePath.Length > 0;
        if (mapped)
        {
            w.Raw("#line " + spec.BodyLine + " " + SourceWriter.Literal(spec.FilePath));
        }

        w.Raw(WithLoopHelpers(spec));
        if (mapped)
        {
            w.Raw("#line default");
        }
    }

    /// <summary>
    /// Puts the outlined loops' local functions at the end of the twin's body, each on its own
    /// lines mapped by <c>#line</c> to its loop's lines, and maps the closing brace back to the
    /// user's. Nullable warnings are off in the helpers: the user's loop has been checked where it
    /// is written, and a by-ref copy loses the flow state the compiler knew there.
    /// </summary>
    private static string WithLoopHelpers(GoroutineMethodSpec spec)
    {
        string body = spec.Body;
        if (spec.LoopHelpers.Count == 0)
        {
            return body;
        }

        int close = body.LastIndexOf('}');
        int lineStart = body.LastIndexOf('\n', close) + 1;
        var text = new StringBuilder(body, 0, lineStart, body.Length + 256);
        text.Append("#nullable disable\n#nullable enable annotations\n");
        foreach (LoopHelperSpec helper in spec.LoopHelpers)
        {
            if (spec.FilePath.Length > 0)
            {
                text.Append("#line ").Append(helper.Line).Append(' ').Append(SourceWriter.Literal(spec.FilePath)).Append('\n');
            }

            text.Append(helper.Text).Append('\n');
        }

        text.Append(spec.NullableDirective).Append('\n');
        if (spec.FilePath.Length > 0)
        {
            text.Append("#line ").Append(spec.CloseBraceLine).Append(' ').Append(SourceWriter.Literal(spec.FilePath)).Append('\n');
        }

        text.Append(body, lineStart, body.Length - lineStart);
        return text.ToString();
    }

    /// <summary>
    /// The twin's park sites, one static <c>ParkSite</c> each, and <c>At(site, awaitable)</c>,
    /// which announces the site between evaluating the awaitable and awaiting it. File-local, so
    /// that overloads and generic types need no distinct names and the user's type gets no members.
    /// </summary>
    private static void EmitSites(SourceWriter w, ImmutableEquatableArray<ParkSiteSpec> sites)
    {
        const string ParkSite = GeneratedNames.ParkSite;
        w.Line("namespace " + GeneratedNames.GeneratedNamespace);
        w.OpenBlock();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line("file static class " + GeneratedNames.SitesClassName);
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
        w.Line("namespace " + GeneratedNames.GeneratedNamespace);
        w.OpenBlock();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line("file static class " + GeneratedNames.SelectClassName);
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
                parameters.Append(", out " + GeneratedNames.Received + "<T").Append(i).Append("> case").Append(i);
            }

            w.Line("public static int Bind<" + TypeParameters + ">(" + GeneratedNames.SelectResult + "<" + TypeParameters + "> result" + parameters + ")");
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
}
