namespace GoSharp.Runtime;

/// <summary>Why a goroutine is parked; printed in goroutine dumps as Go prints it.</summary>
internal enum WaitReason : byte
{
    None,
    Yield,
    Preempted,
    ChanReceive,
    ChanSend,
    ChanReceiveNilChan,
    ChanSendNilChan,
    Select,
    SelectNoCases,
    Sleep,
    Await,
    WaitGroupWait,
    MutexLock,
    RWMutexRLock,
    RWMutexLock,
    CondWait,
    SemaphoreAcquire,
    GoroutineCall,
    SyncTestWait,
}

/// <summary>Go's wording for each <see cref="WaitReason"/>.</summary>
internal static class WaitReasonText
{
    internal static string Of(WaitReason reason) => reason switch
    {
        WaitReason.None => "running",
        WaitReason.Yield => "runnable",
        WaitReason.Preempted => "runnable",
        WaitReason.ChanReceive => "chan receive",
        WaitReason.ChanSend => "chan send",
        WaitReason.ChanReceiveNilChan => "chan receive (nil chan)",
        WaitReason.ChanSendNilChan => "chan send (nil chan)",
        WaitReason.Select => "select",
        WaitReason.SelectNoCases => "select (no cases)",
        WaitReason.Sleep => "sleep",
        WaitReason.Await => "await",
        WaitReason.WaitGroupWait => "sync.WaitGroup.Wait",
        WaitReason.MutexLock => "sync.Mutex.Lock",
        WaitReason.RWMutexRLock => "sync.RWMutex.RLock",
        WaitReason.RWMutexLock => "sync.RWMutex.Lock",
        WaitReason.CondWait => "sync.Cond.Wait",
        WaitReason.SemaphoreAcquire => "semaphore acquire",
        WaitReason.GoroutineCall => "goroutine call",
        WaitReason.SyncTestWait => "synctest.Wait",
        _ => reason.ToString(),
    };
}
