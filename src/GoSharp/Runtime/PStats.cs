namespace GoSharp.Runtime;

/// <summary>Counters a P keeps without synchronisation (only its owner writes them).</summary>
internal struct PStats
{
    internal long spawned;
    internal long exited;
    internal long steals;
    internal long stolenGoroutines;
}
