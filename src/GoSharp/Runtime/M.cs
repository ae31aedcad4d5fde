namespace GoSharp.Runtime;

/// <summary>
/// A machine: Go's <c>m</c>, one OS thread of the scheduler. It runs goroutines while it holds
/// a P, looks for work when it has none, and sleeps on its <see cref="park"/> note when there is
/// nothing to do, so an idle runtime burns no CPU.
/// </summary>
internal sealed class M
{
    [ThreadStatic]
    private static M? t_current;

    /// <summary>The M running on this thread, or null on a thread the scheduler does not own.</summary>
    internal static M? Current => t_current;

    internal readonly int id;

    /// <summary>The P this M holds, if any.</summary>
    internal P? p;

    /// <summary>The P handed to this M by whoever woke it (Go's nextp).</summary>
    internal P? nextp;

    /// <summary>The goroutine running on this M.</summary>
    internal G? curg;

    /// <summary>True while the M is looking for work to steal (counted in <see cref="Sched.nmspinning"/>).</summary>
    internal bool spinning;

    /// <summary>Link in the idle-M list.</summary>
    internal M? schedlink;

    /// <summary>Where the M sleeps while idle.</summary>
    internal readonly Note park = new();

    /// <summary>What the frame that just ran asked the scheduler loop to do next.</summary>
    internal FrameOutcome outcome;

    /// <summary>
    /// The SyncTest bubble this thread serves, or null for a scheduler thread. A bubble thread
    /// holds no P: it runs only its bubble's goroutines (see <c>Testing/Bubble.cs</c>).
    /// </summary>
    internal GoSharp.Testing.Bubble? bubble;

    /// <summary>The seed a bubble thread gives <see cref="FastRand"/> when the bubble's baton is handed to it.</summary>
    internal uint bubbleRandomState;

    private readonly Thread _thread;
    private readonly Action<M> _main;

    /// <summary>A scheduler thread: runs <see cref="Sched.Mstart"/>.</summary>
    internal M(int id)
        : this(id, $"GoSharp M{id}", Sched.Mstart)
    {
    }

    /// <summary>A thread of the runtime that runs <paramref name="main"/> (a SyncTest bubble thread).</summary>
    internal M(int id, string name, Action<M> main)
    {
        this.id = id;
        _main = main;
        _thread = new Thread(Start, maxStackSize: 0)
        {
            IsBackground = true, // as in Go, goroutines do not keep the process alive
            Name = name,
        };
    }

    /// <summary>The thread's state, for the bubble watchdog (is it blocked in foreign code?).</summary>
    internal ThreadState ThreadState => _thread.ThreadState;

    internal void Launch() => _thread.Start();

    private void Start()
    {
        t_current = this;
        _main(this);
    }
}
