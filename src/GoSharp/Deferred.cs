namespace GoSharp;

/// <summary>An action run when disposed: see <see cref="Go.Defer"/>.</summary>
public readonly struct Deferred : IDisposable
{
    private readonly Action? _action;

    internal Deferred(Action action)
    {
        _action = action;
    }

    /// <summary>Runs the deferred action.</summary>
    public void Dispose() => _action?.Invoke();
}
