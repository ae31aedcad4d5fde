namespace GoSharp.Tests.Support;

/// <summary>Sets GOMAXPROCS for the duration of a test: <c>using var _ = MaxProcs.Set(1);</c>.</summary>
internal sealed class MaxProcs : IDisposable
{
    private readonly int _previous;

    private MaxProcs(int n)
    {
        _previous = Go.GOMAXPROCS(n);
    }

    public static MaxProcs Set(int n) => new(n);

    public void Dispose() => Go.GOMAXPROCS(_previous);
}
