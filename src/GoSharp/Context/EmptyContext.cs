namespace GoSharp;

/// <summary><see cref="Context.Background"/> and <see cref="Context.TODO"/>: never cancelled, no values, no deadline.</summary>
internal sealed class EmptyContext : Context
{
    private readonly string _name;

    internal EmptyContext(string name)
    {
        _name = name;
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
        return null;
    }

    private protected override CancellationToken GetToken() => CancellationToken.None;

    /// <inheritdoc/>
    public override string ToString() => _name;
}
