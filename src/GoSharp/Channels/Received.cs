namespace GoSharp;

/// <summary>
/// The outcome of a receive: Go's <c>v, ok := &lt;-ch</c>. <see cref="Ok"/> is false when the
/// channel was closed and drained; <see cref="Value"/> is then the zero value.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct Received<T>
{
    /// <summary>Creates a receive outcome.</summary>
    public Received(T value, bool ok)
    {
        Value = value;
        Ok = ok;
    }

    /// <summary>The value received (default when the channel was closed).</summary>
    public T Value { get; }

    /// <summary>True if <see cref="Value"/> was sent; false if the channel was closed.</summary>
    public bool Ok { get; }

    /// <summary>Deconstructs into <c>(value, ok)</c>.</summary>
    public void Deconstruct(out T value, out bool ok)
    {
        value = Value;
        ok = Ok;
    }

    /// <inheritdoc/>
    public override string ToString() => Ok ? $"{Value}" : "(closed)";
}
