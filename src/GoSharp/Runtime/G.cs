namespace GoSharp.Runtime;

/// <summary>
/// A goroutine: Go's <c>g</c>. It is also the bottom <see cref="Frame"/> of its own stack.
/// </summary>
/// <remarks>
/// Three kinds exist, one subclass each:
/// <list type="bullet">
/// <item><c>RootBox</c>: the boxed state machine of a generated goroutine twin started with
/// <c>GoroutineEntry.Spawn</c>. The box is the G: spawning allocates nothing else.</item>
/// <item><c>FuncG</c>: a delegate returning a <c>GoTask</c>; the G awaits that task.</item>
/// <item><c>ActionG</c>: a plain delegate. It runs on its M's stack; if it blocks, it blocks the
/// thread, and the scheduler hands its P to another M (Go's syscall handoff).</item>
/// </list>
///
/// Status protocol (see <see cref="GStatus"/>): a goroutine that suspends is first marked
/// <see cref="GStatus.Parking"/> while its M unwinds out of the state machine, and only then
/// <see cref="GStatus.Waiting"/>. A readier that arrives during the unwind flips Parking to
/// <see cref="GStatus.ReadyWhileParking"/> and walks away; the M sees that and simply keeps
/// running the goroutine. This replaces Go's "unlock after the stack switch" (gopark's unlockf):
/// nobody can resume a goroutine whose state machine is still being unwound.
/// </remarks>
internal abstract class G : Frame
{
    /// <summary>Goroutine id, as printed in dumps (Go's goid). Assigned when started.</summary>
    internal long goid;

    /// <summary>One of <see cref="GStatus"/>; changed with <see cref="Interlocked"/>.</summary>
    internal int status;

    /// <summary>Link in the global run queue and in free lists (Go's schedlink).</summary>
    internal G? schedlink;

    /// <summary>The innermost suspended frame: what the scheduler resumes next.</summary>
    internal Frame frame;

    /// <summary>Preemption request from sysmon, read at checkpoints (Go's gp.preempt).</summary>
    internal bool preempt;

    /// <summary>The <c>Go.Run</c> this goroutine was started under (inherited by children).</summary>
    internal RunContext? run;

    /// <summary>Wake-up parameter set by the readier, e.g. the waiter that completed (Go's gp.param).</summary>
    internal object? param;

    /// <summary>
    /// Non-null while the goroutine blocks its thread in a synchronous operation: readying it
    /// then wakes the thread instead of queueing the goroutine.
    /// </summary>
    internal Note? blockedThread;

    /// <summary>Why the goroutine is parked (Go's waitreason).</summary>
    internal WaitReason waitreason;

    /// <summary>When the goroutine parked (<see cref="Environment.TickCount64"/>, for dumps).</summary>
    internal long waitsince;

    /// <summary>Set by the first case to fire while the goroutine waits in a select (Go's selectDone).</summary>
    internal int selectDone;

    /// <summary>The waiters of the select the goroutine is parked in, linked by waitlink (Go's gp.waiting).</summary>
    internal Waiter? waiting;

    /// <summary>The user's source line of the goroutine's latest announced park site (generated code sets it).</summary>
    internal GoSharp.CompilerServices.ParkSite? parkSite;

    /// <summary>Links in <see cref="AllGs"/>, and the shard that holds them.</summary>
    internal G? allnext;
    internal G? allprev;
    internal object? allShard;

    private Action? _readyAction;

    protected G()
    {
        frame = this;
    }

    /// <summary>A cached delegate that readies this goroutine (for foreign awaiters such as Task's).</summary>
    internal Action ReadyAction => _readyAction ??= () => Sched.Ready(this);

    /// <summary>The method the goroutine started in, for dumps and panic reports.</summary>
    internal abstract string EntryName { get; }

    /// <inheritdoc/>
    internal override string MethodName => EntryName;

    /// <summary>True for goroutines whose code runs on the M's own stack (cannot be suspended).</summary>
    internal virtual bool IsThreadBound => false;

    /// <summary>Resets the goroutine's per-run state before it is started.</summary>
    internal void Prepare(long id, RunContext? runContext)
    {
        goid = id;
        run = runContext;
        frame = this;
        parent = null;
        error = null;
        completed = false;
        preempt = false;
        param = null;
        parkSite = null;
        waitreason = WaitReason.None;
        Volatile.Write(ref status, GStatus.Runnable);
    }

    /// <summary>The bottom frame finished (its outcome is in <see cref="Frame.error"/>): the goroutine exits.</summary>
    internal void Finish()
    {
        completed = true;
        Sched.Exit();
    }

    /// <inheritdoc/>
    internal override void Return() => Finish();

    /// <summary>The goroutine's typed result, for <c>Go.Run&lt;T&gt;</c>.</summary>
    internal T GetResult<T>() => this is IResultSource<T> source ? source.Result : default!;

    /// <summary>Type name of a compiler-generated state machine turned back into its method name.</summary>
    internal static string MethodNameOf(Type stateMachineType)
    {
        // The C# compiler names async state machines "<Method>d__N", nested in the declaring type.
        string name = stateMachineType.Name;
        int close = name.IndexOf('>');
        string method = name.StartsWith('<') && close > 1 ? name.Substring(1, close - 1) : name;
        Type? owner = stateMachineType.DeclaringType;
        return owner is null ? method : $"{owner.FullName}.{method}";
    }
}

/// <summary>A goroutine whose bottom frame is a state machine producing a value.</summary>
internal abstract class G<TResult> : G, IResultSource<TResult>
{
    internal TResult result = default!;

    public TResult Result => result;
}

/// <summary>Implemented by goroutines whose bottom frame produces a value.</summary>
internal interface IResultSource<out T>
{
    T Result { get; }
}

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
        _ => reason.ToString(),
    };
}
