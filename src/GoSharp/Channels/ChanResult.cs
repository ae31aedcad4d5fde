namespace GoSharp.Channels;

/// <summary>Outcome of a non-blocking channel step.</summary>
internal enum ChanResult : byte
{
    /// <summary>The operation needs a partner that is not there.</summary>
    WouldBlock,

    /// <summary>The operation completed.</summary>
    Done,

    /// <summary>A send found the channel closed.</summary>
    Closed,
}
