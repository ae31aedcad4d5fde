namespace GoSharp;

/// <summary>
/// The empty value: Go's <c>struct{}</c>. Used as the element type of signal-only channels such as
/// <see cref="Context.Done"/>, where only closing (or the fact of a send) matters.
/// </summary>
public readonly struct Unit : IEquatable<Unit>
{
    /// <summary>The only value.</summary>
    public static Unit Value => default;

    /// <summary>Always true: all units are equal.</summary>
    public bool Equals(Unit other) => true;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    /// <summary>Always true.</summary>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>Always false.</summary>
    public static bool operator !=(Unit left, Unit right) => false;

    /// <inheritdoc/>
    public override string ToString() => "{}";
}
