namespace GoSharp;

/// <summary><see cref="Context.Background"/> and <see cref="Context.TODO"/>: never cancelled, no values, no deadline.</summary>
internal sealed class EmptyContext : Context
{
    private readonly string _name;

    internal EmptyContext(string name)
        : base(parent: null, deadline: null)
    {
        _name = name;
    }

    /// <inheritdoc/>
    public override string ToString() => _name;
}
