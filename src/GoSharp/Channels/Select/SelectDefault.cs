namespace GoSharp;

/// <summary>The element type of <see cref="Go.Default"/> and of unused select slots.</summary>
public readonly struct SelectDefault
{
}
