using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// The first <c>await</c> of every goroutine twin: <c>await entry;</c>. Called normally
/// (<see cref="Call"/>) it is the method-entry preemption checkpoint; with <see cref="Spawn"/> it
/// suspends at once, turning the method's state machine into a new, not yet started goroutine
/// that <see cref="Goroutines.Spawn(GoTask)"/> or <see cref="Goroutines.Run(GoTask)"/> starts.
/// The arguments were evaluated by the caller, as Go evaluates a go statement's arguments.
/// </summary>
public readonly struct GoroutineEntry
{
    private readonly bool _spawn;

    private GoroutineEntry(bool spawn)
    {
        _spawn = spawn;
    }

    /// <summary>The method is called by another goroutine frame (the default).</summary>
    public static GoroutineEntry Call => default;

    /// <summary>The method starts a new goroutine.</summary>
    public static GoroutineEntry Spawn => new(true);

    /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
    public Awaiter GetAwaiter() => new(_spawn);

    /// <summary>Awaiter of <see cref="GoroutineEntry"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Awaiter : ICriticalNotifyCompletion, IGoAwaiter
    {
        private readonly bool _spawn;

        internal Awaiter(bool spawn)
        {
            _spawn = spawn;
        }

        internal bool IsSpawn => _spawn;

        /// <summary>False when spawning, or when the goroutine has been asked to yield.</summary>
        public bool IsCompleted => !_spawn && !Sched.PreemptRequested;

        /// <summary>Nothing to return.</summary>
        public void GetResult()
        {
        }

        void IGoAwaiter.Suspend(Frame frame)
        {
            // Spawning: the builder has made the state machine a goroutine; it waits to be started.
            if (!_spawn)
            {
                Sched.Yield(frame, WaitReason.Preempted);
            }
        }

        /// <summary>Not supported outside goroutine code.</summary>
        public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported outside goroutine code.</summary>
        public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }
}
