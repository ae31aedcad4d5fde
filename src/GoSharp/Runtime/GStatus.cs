namespace GoSharp.Runtime;

/// <summary>Goroutine states (Go's _Grunnable, _Grunning, _Gwaiting, ...).</summary>
internal static class GStatus
{
    /// <summary>Created but not started, or dead and pooled.</summary>
    internal const int Idle = 0;

    /// <summary>In a run queue.</summary>
    internal const int Runnable = 1;

    /// <summary>Running on an M.</summary>
    internal const int Running = 2;

    /// <summary>Registered with whatever will wake it, while its M unwinds the state machine.</summary>
    internal const int Parking = 3;

    /// <summary>Parked: holds no thread; only a readier can make it runnable.</summary>
    internal const int Waiting = 4;

    /// <summary>Readied while still <see cref="Parking"/>; its M keeps running it.</summary>
    internal const int ReadyWhileParking = 5;

    /// <summary>Finished.</summary>
    internal const int Dead = 6;
}
