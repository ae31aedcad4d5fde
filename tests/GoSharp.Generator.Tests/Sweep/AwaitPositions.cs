namespace GoSharp.Generator.Tests.Sweep;

/// <summary>
/// Every expression and statement position where C# permits <c>await</c>, each with a park site
/// in it. <c>{P}</c> stands for an <c>int</c>-valued park site — <c>ch.Receive()</c> (a blocking
/// operation with an awaitable form) or <c>Next(ch)</c> (a call of a <c>[Goroutine]</c> method) —
/// and every body returns a string that shows what it computed, in order. <see cref="Expected"/>
/// is the GOSH diagnostic the position gets, when the twin cannot park there.
/// </summary>
internal static class AwaitPositions
{
    /// <summary>A position: its name, the case body, and the diagnostic expected on its park site (null: rewritten).</summary>
    public sealed record Position(string Name, string Body, string? Expected = null, bool OnlyReceive = false);

    public static readonly Position[] All =
    [
        // ---- Arguments and initializers ----------------------------------------------------
        new("argument", "return Use({P}, {P});"),
        new("named arguments, out of order", "return Use(b: {P}, a: {P});"),
        new("argument after a ref argument", "int t = 5; Inc(ref t, {P}); return t.ToString();"),
        new("argument after an out variable", "int.TryParse(\"7\", out var v); return Use(v, {P});"),
        new("params arguments", "return Join({P}, {P}, {P});"),
        new("local initializer", "int x = {P}; var y = {P}; return Use(x, y);"),
        new("several declarators", "int a = {P}, b = a + {P}; return Use(a, b);"),
        new("const-free default parameter call", "return Optional({P});"),

        // ---- Strings -----------------------------------------------------------------------
        new("interpolation hole", "return $\"got {{P}}\";"),
        new("interpolation hole with alignment", "return $\"[{{P},4}][{{P},-4}]\";"),
        new("interpolation hole with format", "return $\"[{{P}:D3}][{{P},6:X}]\";"),
        new("verbatim interpolation", "return $@\"a\\{{P}}\";"),
        new("raw interpolation", "return $$\"\"\"raw {{{P}}} {\"\"\";"),
        new("nested interpolation", "return $\"outer {$\"inner {{P}}\"}\";"),
        new("string concatenation", "return \"a\" + {P} + \"b\" + {P};"),
        new("interpolated string handler argument", "var sb = new System.Text.StringBuilder(); sb.Append($\"v{{P}}\"); return sb.ToString();"),

        // ---- Operators ---------------------------------------------------------------------
        new("binary operands", "return ({P} * 10 + {P}).ToString();"),
        new("conditional condition", "return ({P} > 0 ? \"yes\" : \"no\");"),
        new("conditional branches", "int n = {P}; return (n % 2 == 0 ? {P} : -{P}).ToString();"),
        new("null-coalescing right operand", "string? s = null; return s ?? {P}.ToString();"),
        new("null-coalescing assignment", "string? s = null; s ??= {P}.ToString(); return s;"),
        new("short-circuit operands", "int n = {P}; return (n > 0 && {P} > 0 || {P} < 0).ToString();"),
        new("checked arithmetic", "return checked({P} + int.MaxValue).ToString();"),
        new("unchecked arithmetic", "return unchecked({P} + int.MaxValue).ToString();"),
        new("cast", "long a = (long){P}; object b = (object){P}; return a + \",\" + b;"),
        new("as and is", "object o = {P}; return ((o as int?) + \",\" + (o is int)).ToString() + ({P} is int k ? k : 0);"),
        new("is pattern", "return ({P} is > 0 and < 100).ToString();"),
        new("switch expression subject", "return {P} switch { 1 => \"one\", 2 => \"two\", _ => \"many\" };"),
        new("switch expression arm", "int n = {P}; return (n switch { 1 => {P}, _ => -1 }).ToString();"),
        new("switch expression guard", "int n = {P}; return (n switch { var v when v < {P} => \"less\", _ => \"more\" });"),
        new("compound assignment", "int x = 1; x += {P}; x *= {P}; return x.ToString();"),
        new("increment of an element chosen by a park", "int[] a = new int[3]; a[{P} % 3]++; return string.Join(\",\", a);"),
        new("tuple elements", "var t = ({P}, {P}); return t.ToString();"),
        new("deconstruction", "var (a, b) = ({P}, {P}); return Use(a, b);"),
        new("deconstruction assignment", "int a = 0, b = 0; (a, b) = ({P}, {P}); return Use(a, b);"),
        new("throw expression", "int n = {P}; int x = n > 0 ? {P} : throw new InvalidOperationException(); return x.ToString();"),
        new("pattern variable", "if ({P} is var v && v > 0) return v.ToString(); return \"none\";"),
        new("conditional access to the park site", "Chan<int>? c = ch; int n = {P}; return ((c?.Receive() ?? -1) + n).ToString();", Expected: "GOSH006", OnlyReceive: true),
        new("lambda-free typeof and default around", "return (default(int) + {P}).ToString() + typeof(int).Name;"),

        // ---- Creation, access --------------------------------------------------------------
        new("object initializer", "var b = new Box { X = {P}, Y = {P} }; return Use(b.X, b.Y);"),
        new("collection initializer", "var l = new List<int> { {P}, {P} }; return string.Join(\",\", l);"),
        new("dictionary initializer", "var d = new Dictionary<int, int> { [{P}] = {P} }; return string.Join(\",\", d);"),
        new("collection expression", "int[] a = [{P}, {P}]; List<int> l = [{P}, .. a]; return string.Join(\",\", l);"),
        new("array creation", "var a = new[] { {P}, {P} }; var b = new int[{P} % 4]; return a.Length + \",\" + b.Length + \",\" + a[1];"),
        new("anonymous object", "var o = new { A = {P}, B = {P} }; return o.A + \",\" + o.B;"),
        new("with expression", "var p = new Pair({P}, 0); var q = p with { Y = {P} }; return q.ToString();"),
        new("element access index", "int[] a = { 10, 20, 30 }; return a[{P} % 3].ToString();"),
        new("element assignment", "int[] a = new int[2]; a[{P} % 2] = {P}; return string.Join(\",\", a);"),
        new("member access on the result", "return {P}.ToString().Length.ToString();"),
        new("conditional access argument", "Box? b = new Box(); return (b?.Add({P}) ?? -1).ToString();"),
        new("invocation of a returned delegate", "Func<int, int> f = x => x * 3; return f({P}).ToString();"),

        // ---- Spans -------------------------------------------------------------------------
        new("span element assignment", "Memory<int> m = new int[2]; m.Span[0] = {P}; return m.Span[0].ToString();"),
        new("span receiver", "Memory<int> m = new int[3]; m.Span.Fill({P}); return string.Join(\",\", m.ToArray());"),
        new("span argument", "Memory<int> m = new int[2]; return IndexOf(m.Span, {P}).ToString();"),
        new("value read out of a span", "Memory<int> m = new int[] { 5, 6 }; return (m.Span[1] + {P}).ToString();"),
        new("stackalloc initializer", "Span<int> s = stackalloc int[] { {P}, 2 }; return (s[0] + s[1]).ToString();", Expected: "GOSH009"),
        new("ref local", "int[] a = { 1 }; ref int r = ref a[0]; r = {P}; return a[0].ToString();", Expected: "GOSH009"),
        new("foreach over a span", "var l = new List<int>(); foreach (int x in new[] { 1, 2 }.AsSpan()) l.Add(x + {P}); return string.Join(\",\", l);", Expected: "GOSH006"),
        new("foreach over a span, park in the collection", "var l = new List<int>(); foreach (int x in new[] { {P}, 2 }.AsSpan()) l.Add(x); return string.Join(\",\", l);"),
        new("span local", "Span<int> s = stackalloc int[2]; s[0] = {P}; return s[0].ToString();", Expected: "GOSH009"),
        new("span after a call with side effects", "Memory<int> m = new int[2]; int i = 0; m.Span[Bump(ref i)] = {P}; return m.Span[1] + \",\" + i;", Expected: "GOSH021"),

        // ---- Statements --------------------------------------------------------------------
        new("expression statement", "var l = new List<int>(); l.Add({P}); l.Add({P}); return string.Join(\",\", l);"),
        new("if condition", "if ({P} > 0) return \"pos\"; return \"neg\";"),
        new("while condition", "int n = 0; while ({P} < 5) n++; return n.ToString();"),
        new("do condition", "int n = 0; do n++; while ({P} < 5); return n.ToString();"),
        new("for header", "var l = new List<int>(); for (int i = {P}; i < {P} + 3; i += {P}) l.Add(i); return string.Join(\",\", l);"),
        new("foreach collection", "var l = new List<int>(); foreach (int v in Many({P})) l.Add(v); return string.Join(\",\", l);"),
        new("foreach body", "var l = new List<int>(); foreach (int v in new[] { 1, 2 }) l.Add(v + {P}); return string.Join(\",\", l);"),
        new("switch statement subject", "switch ({P}) { case 1: return \"one\"; default: return \"other\"; }"),
        new("switch case guard", "int n = {P}; switch (n) { case int v when v < {P}: return \"less\"; default: return \"more\"; }"),
        new("switch section body", "int n = 1; switch (n) { case 1: return Use({P}, 0); default: return \"\"; }"),
        new("return", "return {P}.ToString();"),
        new("throw", "try { throw new InvalidOperationException({P}.ToString()); } catch (InvalidOperationException e) { return e.Message; }"),
        new("try body", "try { return {P}.ToString(); } finally { }"),
        new("catch block", "try { throw new Exception(); } catch { return {P}.ToString(); }"),
        new("finally block", "var l = new List<int>(); try { l.Add(1); } finally { l.Add({P}); } return string.Join(\",\", l);"),
        new("using statement resource", "var log = new List<string>(); using (var d = new Disposer(log, {P})) { log.Add(\"in\"); } return string.Join(\",\", log);"),
        new("using declaration", "var log = new List<string>(); { using var d = new Disposer(log, {P}); log.Add(\"in\"); } return string.Join(\",\", log);"),
        new("using statement body", "var log = new List<string>(); using (new Disposer(log, 0)) { log.Add({P}.ToString()); } return string.Join(\",\", log);"),
        new("lock expression", "object g = new(); lock (Gate({P}, g)) { } return \"ok\";"),
        new("goto loop", "int n = 0; again: n += {P}; if (n < 10) goto again; return n.ToString();"),
        new("labeled statement", "int n = 0; here: n++; if (n < 2) goto here; return (n + {P}).ToString();"),
        new("nested block", "{ { return {P}.ToString(); } }"),
        new("checked statement", "checked { return ({P} + 1).ToString(); }"),
        new("Defer", "var log = new List<string>(); { using var _ = Defer(() => log.Add(\"deferred\")); log.Add({P}.ToString()); } return string.Join(\",\", log);"),

        // ---- Where the twin cannot await -----------------------------------------------------
        new("lock body", "object g = new(); lock (g) { return {P}.ToString(); }", Expected: "GOSH006"),
        new("exception filter", "try { throw new Exception(\"x\"); } catch (Exception) when ({P} > 0) { return \"caught\"; }", Expected: "GOSH006"),
        new("unsafe block", "unsafe { int x = {P}; return x.ToString(); }", Expected: "GOSH006"),
        new("lambda passed to another API", "var l = new List<int> { 1, 2 }; return string.Join(\",\", l.Select(x => x + {P}));", Expected: "GOSH007"),
        new("query expression", "var l = new List<int> { 1, 2 }; return string.Join(\",\", from x in l select x + {P});", Expected: "GOSH007"),
        new("local function converted to a delegate", "int Get() => {P}; Func<int> f = Get; return f().ToString();", Expected: "GOSH007"),

        // ---- Nested goroutine code -----------------------------------------------------------
        new("local function", "int Twice() => {P} * 2; return Twice().ToString();"),
        new("delegate local", "Func<int> next = () => {P}; return Use(next(), next());"),
        new("go lambda inside a lock", "var done = new Chan<int>(1); object g = new(); lock (g) { go(() => done.Send({P})); } return done.Receive().ToString();"),
        new("go lambda", "var done = new Chan<int>(1); go(() => done.Send({P})); return done.Receive().ToString();"),
        new("WaitGroup.Go lambda", "var wg = new WaitGroup(); int r = 0; wg.Go(() => { r = {P}; }); wg.Wait(); return r.ToString();"),
        new("goroutine-code lambda that throws", "var g = new ErrGroup(); g.Go(() => throw new InvalidOperationException({P}.ToString())); return g.Wait()?.Message ?? \"none\";"),
        new("Once.Do lambda", "var once = new Once(); int r = 0; once.Do(() => r = {P}); once.Do(() => r = -1); return r.ToString();"),

        // ---- Select ----------------------------------------------------------------------------
        new("select as an argument", "var other = new Chan<int>(); return Use(Select(ch.OnReceive(out var r), other.OnReceive()), r.Value);", OnlyReceive: true),
        new("select in an interpolation hole", "var other = new Chan<int>(); return $\"{Select(other.OnReceive(), ch.OnReceive(out var r))}:{r.Value}\";", OnlyReceive: true),
        new("select with default in a condition", "var empty = new Chan<int>(); if (Select(empty.OnReceive(), Default) == 1) return \"default\"; return \"received\";", OnlyReceive: true),
        new("select next to a local named _", "using var _ = Defer(() => { }); var other = new Chan<int>(); switch (Select(other.OnReceive(), ch.OnReceive())) { case 1: return \"ch\"; default: return \"other\"; }", OnlyReceive: true),
        new("range over a channel", "var c = new Chan<int>(3); c.Send({P}); c.Send({P}); c.Close(); var l = new List<int>(); foreach (var v in c) l.Add(v); return string.Join(\",\", l);"),
    ];
}
