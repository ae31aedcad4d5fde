namespace GoSharp.Runtime;

/// <summary>How a frame left the scheduler loop's <c>MoveNext</c> call.</summary>
internal enum FrameOutcome : byte
{
    /// <summary>Still running: the frame returned without suspending or finishing (misuse).</summary>
    Running,

    /// <summary>A frame finished and control passes to <see cref="G.frame"/> (its parent).</summary>
    Return,

    /// <summary>The goroutine is parking.</summary>
    Park,

    /// <summary>The goroutine yields its time slice (Gosched or preemption).</summary>
    Yield,

    /// <summary>The goroutine finished.</summary>
    Exit,
}
