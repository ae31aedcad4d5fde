namespace GoSharp.Generator.Model;

/// <summary>
/// A park site of a twin's body: a static <c>ParkSite</c> named <paramref name="Name"/> in the
/// file-local <c>GoroutineSites</c> class, announced just before the operation parks.
/// </summary>
/// <param name="Name">The field's name, e.g. <c>__goSite_Relay_0</c>.</param>
/// <param name="File">The user's file (the compiler's path, with <c>/pathmap</c> applied).</param>
/// <param name="Line">The 1-based line of the operation.</param>
/// <param name="Operation">The operation as written, e.g. <c>ch.Receive()</c>.</param>
internal sealed record ParkSiteSpec(string Name, string File, int Line, string Operation);
