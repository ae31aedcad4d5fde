namespace GoSharp;

/// <summary>A context carrying one key-value pair (Go's <c>valueCtx</c>); cancelled exactly when its parent is.</summary>
internal sealed class ValueContext : Context
{
    internal readonly Context parent;

    /// <summary>The nearest ancestor that is not a value context: it answers Deadline, Done, Err and the token.</summary>
    internal readonly Context source;

    internal readonly object key;
    internal readonly object? value;

    internal ValueContext(Context parent, object key, object? value)
    {
        this.parent = parent;
        source = parent is ValueContext v ? v.source : parent;
        this.key = key;
        this.value = value;
    }

    /// <inheritdoc/>
    public override DateTime? Deadline => source.Deadline;

    /// <inheritdoc/>
    public override ReceiveOnlyChan<Unit> Done() => source.Done();

    /// <inheritdoc/>
    public override Exception? Err() => source.Err();

    /// <inheritdoc/>
    public override object? Value(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Lookup(this, key);
    }

    private protected override CancellationToken GetToken() => source.CancellationToken;

    /// <summary>Go's form, <c>parent.WithValue(key, value)</c>, with <c>&lt;nil&gt;</c> for a null value.</summary>
    public override string ToString() => $"{parent}.WithValue({key}, {value?.ToString() ?? "<nil>"})";
}
