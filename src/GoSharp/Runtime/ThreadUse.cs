using System.Runtime.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// Remembers whether a plain thread (not a goroutine) has created or used an object. Checked
/// only on creation and on the operations plain threads use, so goroutine fast paths pay at most
/// one thread-static read.
/// </summary>
internal struct ThreadUse
{
    private bool _seen;

    internal readonly bool Seen => Volatile.Read(ref Unsafe.AsRef(in _seen));

    /// <summary>Marks the object as reachable from plain threads, whoever the caller is.</summary>
    internal void Mark() => Volatile.Write(ref _seen, true);

    /// <summary>Records the current caller if it is a plain thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Note()
    {
        if (!_seen && Sched.CurrentG is null)
        {
            Volatile.Write(ref _seen, true);
        }
    }
}
