using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>A goroutine's preemption request, cheap to poll in a tight loop.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PreemptionFlag
{
    // Never null (a plain thread's stand-in is never asked to yield), so a back-edge check is
    // one load and one branch.
    private readonly G _g;

    internal PreemptionFlag(G g)
    {
        _g = g;
    }

    /// <summary>True once the scheduler has asked this goroutine to yield.</summary>
    public bool IsRequested
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _g.preempt);
    }
}
