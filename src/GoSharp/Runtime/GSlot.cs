namespace GoSharp.Runtime;

/// <summary>
/// An array element holding a goroutine. Arrays of <see cref="G"/> references are covariant, so
/// every store into one checks the stored object's type at run time; an array of this struct
/// needs no such check. The run queues and <see cref="AllGs"/> store a goroutine on every spawn
/// and every ready.
/// </summary>
internal struct GSlot
{
    internal G? g;
}
