namespace GoSharp;

/// <summary>
/// <see cref="Context.WithoutCancel"/>'s context (Go's <c>withoutCancelCtx</c>): the parent's
/// values, and nothing of its deadline or cancellation.
/// </summary>
internal sealed class WithoutCancelContext : Context
{
    internal readonly Context parent;

    internal WithoutCancelContext(Context parent)
    {
        this.parent = parent;
    }

    /// <inheritdoc/>
    public override DateTime? Deadline => null;

    /// <inheritdoc/>
    public override ReceiveOnlyChan<Unit> Done() => default;

    /// <inheritdoc/>
    public override Exception? Err() => null;

    /// <inheritdoc/>
    public override object? Value(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Lookup(this, key);
    }

    private protected override CancellationToken GetToken() => CancellationToken.None;

    /// <inheritdoc/>
    public override string ToString() => $"{parent}.WithoutCancel";
}
