using GoSharp.Runtime;

namespace GoSharp.Time;

/// <summary>The timer of <c>Go.SleepAsync</c>: readies the sleeping goroutine. Pooled per P.</summary>
internal sealed class SleepTimer : RuntimeTimer
{
    private G? _g;

    internal static SleepTimer Rent(G g, long when)
    {
        SleepTimer t = M.Current?.p?.cache.Rent<SleepTimer>() ?? new SleepTimer();
        t._g = g;
        t.when = when;
        return t;
    }

    internal override void Fire(int seqAtExpiry)
    {
        G g = _g!;
        _g = null;
        M.Current?.p?.cache.Return(this);
        Sched.Ready(g);
    }
}
