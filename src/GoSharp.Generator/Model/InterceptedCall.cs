namespace GoSharp.Generator.Model;

/// <summary>An interceptable location: what <c>[InterceptsLocation(Version, Data)]</c> needs, and a readable form.</summary>
internal sealed record InterceptedCall(int Version, string Data, string Display);
