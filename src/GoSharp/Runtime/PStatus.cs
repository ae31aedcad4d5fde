namespace GoSharp.Runtime;

/// <summary>P states (Go's _Pidle, _Prunning).</summary>
internal static class PStatus
{
    internal const int Idle = 0;
    internal const int Running = 1;
}
