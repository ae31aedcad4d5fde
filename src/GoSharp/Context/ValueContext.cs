namespace GoSharp;

/// <summary>A context carrying one key-value pair (Go's <c>valueCtx</c>); cancelled exactly when its parent is.</summary>
internal sealed class ValueContext : Context
{
    internal readonly object key;
    internal readonly object? value;

    internal ValueContext(Context parent, object key, object? value)
        : base(parent, parent.Deadline)
    {
        this.key = key;
        this.value = value;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{parent}.WithValue({key}, {value})";
}
