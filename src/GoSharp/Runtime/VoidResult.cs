namespace GoSharp.Runtime;

/// <summary>The result type of frames whose method returns nothing.</summary>
internal readonly struct VoidResult
{
}
