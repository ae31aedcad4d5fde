namespace GoSharp.Runtime;

/// <summary>
/// A goroutine: Go's <c>g</c>. It is also the bottom <see cref="Frame"/> of its own stack.
/// </summary>
/// <remarks>
/// Six kinds exist, one sealed subclass each:
/// <list type="bullet">
/// <item><c>RootBox</c>: the boxed state machine of a generated goroutine twin started with
/// <c>GoroutineEntry.Spawn</c>. The box is the G: spawning allocates nothing else.</item>
/// <item><c>FuncG</c> and <c>FuncG&lt;T&gt;</c> (both <c>TaskG</c>): a delegate returning a
/// <c>GoTask</c> or <c>GoTask&lt;T&gt;</c>; the G is the bottom frame that awaits that task.</item>
/// <item><c>ActionG</c> and <c>ValueFuncG&lt;T&gt;</c>: a plain <c>Action</c> or <c>Func&lt;T&gt;</c>.
/// It runs on its M's stack; if it blocks, it blocks the thread, and the scheduler marks its P
/// stuck so that another M runs the other goroutines (see docs/design.md on handoff).</item>
/// <item><c>ThreadG</c>: the stand-in of a plain thread blocked in a GoSharp operation; never
/// scheduled, not counted as a goroutine.</item>
/// </list>
///
/// Status protocol (see <see cref="GStatus"/>): a goroutine that suspends is first marked
/// <see cref="GStatus.Parking"/> while its M unwinds out of the state machine, and only then
/// <see cref="GStatus.Waiting"/>. A readier that arrives during the unwind flips Parking to
/// <see cref="GStatus.ReadyWhileParking"/> and walks away; the M sees that and simply keeps
/// running the goroutine. This replaces Go's "unlock after the stack switch" (gopark's unlockf):
/// nobody can resume a goroutine whose state machine is still being unwound (docs/design.md,
/// "The park protocol").
/// <para>Layout: a goroutine is allocated per <c>go</c> statement and held by every parked
/// goroutine, so its fields are kept to 75 bytes: six references, the goid, five ints and
/// shorts (status, selectDone, allSlot, waitsince, allTable) and the bytes (completed, preempt,
/// waitreason); with the one-byte result of a void goroutine (<see cref="G{TResult}"/>) the state
/// machine of a <c>RootBox</c> starts at byte 80. No field links a goroutine into the global run
/// queue, which is a ring (<see cref="GlobalRunQueue"/>). A new field costs every goroutine 8 bytes:
/// measure (bench parked, alloc_bytes_per; the Spawn benchmark's Allocated column).</para>
/// </remarks>
internal abstract class G : Frame
{
    /// <summary>Goroutine id, as printed in dumps (Go's goid). Assigned when started.</summary>
    internal long goid;

    /// <summary>One of <see cref="GStatus"/>; changed with <see cref="Interlocked"/>.</summary>
    internal int status;

    /// <summary>The innermost suspended frame: what the scheduler resumes next.</summary>
    internal Frame frame;

    /// <summary>Preemption request from sysmon, read at checkpoints (Go's gp.preempt).</summary>
    internal bool preempt;

    /// <summary>The <c>Go.Run</c> this goroutine was started under (inherited by children).</summary>
    internal RunContext? run;

    /// <summary>Set the first time the goroutine blocks its thread or awaits a foreign awaiter; kept while pooled.</summary>
    internal ForeignWake? foreignWake;

    /// <summary>Why the goroutine is parked (Go's waitreason).</summary>
    internal WaitReason waitreason;

    /// <summary>
    /// When the goroutine parked, in 8-second ticks of <see cref="Environment.TickCount64"/>
    /// modulo 2^16 (see <see cref="Now"/>), for dumps, which print whole minutes as Go's do.
    /// Differences are taken modulo 2^16 too, so they are right for waits shorter than six days.
    /// A long would cost every goroutine 8 bytes (so would an int: see the layout note on the class).
    /// </summary>
    internal ushort waitsince;

    /// <summary>Set by the first case to fire while the goroutine waits in a select (Go's selectDone).</summary>
    internal int selectDone;

    /// <summary>
    /// The waiter the goroutine is parked with, or the waiters of the select it is parked in,
    /// linked by waitlink (Go's gp.waiting). The one a waker completed is marked
    /// <see cref="Waiter.fired"/>, which is how the goroutine learns how its wait ended (Go
    /// passes that waiter in gp.param; a waiter already knows its goroutine, so the mark on the
    /// waiter saves the G a field).
    /// </summary>
    internal Waiter? waiting;

    /// <summary>The user's source line of the goroutine's latest announced park site (generated code sets it).</summary>
    internal GoSharp.CompilerServices.ParkSite? parkSite;

    /// <summary>The goroutine's slot in its <see cref="AllGs"/> table (meaningful while <see cref="allTable"/> is not 0).</summary>
    internal int allSlot;

    /// <summary>The <see cref="AllGs"/> table that holds the goroutine (<see cref="AllGs.Table"/>); 0 while not registered.</summary>
    internal ushort allTable;

    protected G()
    {
        frame = this;
    }

    /// <summary>A cached delegate that readies this goroutine (for foreign awaiters such as Task's).</summary>
    internal Action ReadyAction
    {
        get
        {
            ForeignWake wake = ForeignWakeState;
            return wake.readyAction ??= () => Sched.Ready(this);
        }
    }

    /// <summary>The goroutine's <see cref="ForeignWake"/>, created on first use (by the goroutine's own thread).</summary>
    internal ForeignWake ForeignWakeState => foreignWake ??= new ForeignWake();

    /// <summary>The note of the thread this goroutine blocks, or null (see <see cref="ForeignWake.blockedThread"/>). Safe from any thread.</summary>
    internal Note? BlockedThread => Volatile.Read(ref foreignWake) is ForeignWake wake ? Volatile.Read(ref wake.blockedThread) : null;

    /// <summary>The method the goroutine started in, for dumps and panic reports.</summary>
    internal abstract string EntryName { get; }

    /// <inheritdoc/>
    internal override string MethodName => EntryName;

    /// <summary>True for goroutines whose code runs on the M's own stack (cannot be suspended).</summary>
    internal virtual bool IsThreadBound => false;

    /// <summary>
    /// The clock of <see cref="waitsince"/>: 8-second ticks since the machine started, modulo
    /// 2^16. Not minutes: a wait that began at 11:59.9 would read as a minute long at 12:00.0.
    /// With 8-second ticks a dump can overstate a wait by under 8 seconds, never by a minute.
    /// </summary>
    internal static ushort Now => (ushort)(Environment.TickCount64 / (TickSeconds * 1000));

    private const int TickSeconds = 8;

    /// <summary>Whole minutes since <see cref="waitsince"/> (to within one 8-second tick).</summary>
    internal int MinutesWaiting => MinutesBetween(waitsince, Now);

    /// <summary>Whole minutes from tick <paramref name="since"/> to tick <paramref name="now"/> of <see cref="Now"/>'s clock, across its wrap.</summary>
    internal static int MinutesBetween(ushort since, ushort now) => (ushort)(now - since) * TickSeconds / 60;

    /// <summary>Resets the goroutine's per-run state before it is started.</summary>
    internal void Prepare(long id, RunContext? runContext)
    {
        goid = id;
        run = runContext;
        frame = this;
        error = null;
        completed = false;
        preempt = false;
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
