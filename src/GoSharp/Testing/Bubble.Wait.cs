using GoSharp.Runtime;

namespace GoSharp.Testing;

/// <summary>
/// <see cref="SyncTest.Wait"/> (Go's synctest.Wait): the caller sleeps until every other
/// goroutine of the bubble is durably blocked. One goroutine at a time may wait, as in Go.
/// </summary>
internal sealed partial class Bubble
{
    /// <summary>Reserves the bubble's one wait for the caller; throws if another goroutine is waiting.</summary>
    internal void ClaimWait()
    {
        lock (_lock)
        {
            if (_waitClaimed)
            {
                throw new InvalidOperationException(
                    "SyncTest.Wait is already in progress in this bubble: only one goroutine at a time may call it (as in Go).");
            }

            _waitClaimed = true;
        }
    }

    /// <summary>Gives back a claimed wait that will not happen (the awaitable was misused outside goroutine code).</summary>
    internal void UnclaimWait()
    {
        lock (_lock)
        {
            _waitClaimed = false;
        }
    }

    /// <summary>The goroutine that claimed the wait has parked (or is blocking its thread): it is the waiter.</summary>
    internal void SetWaiter(G g)
    {
        lock (_lock)
        {
            _waiter = g;
        }
    }

    /// <summary>SyncTest.Wait from a goroutine that runs on its thread.</summary>
    internal void WaitThread()
    {
        ClaimWait();
        G g = ThreadWait.Begin(WaitReason.SyncTestWait);
        SetWaiter(g);
        ThreadWait.Block(g);
    }

    /// <summary>
    /// Starts <paramref name="g"/> in the bubble (a callback of its synchronization context or
    /// TimeProvider). False, without starting it, once the bubble has ended.
    /// </summary>
    internal bool TrySpawn(G g)
    {
        lock (_lock)
        {
            if (_outcome != Outcome.Running)
            {
                return false;
            }

            Sched.Newproc(g, run);
            return true;
        }
    }

    /// <summary>
    /// A channel of this bubble closed once <paramref name="task"/> completes, by a goroutine of
    /// the bubble: waiting on it is durable, which is what <see cref="SyncTest.Await(Task)"/>
    /// promises. Called on a bubble thread, whose synchronization context the continuation
    /// captures, so it runs in the bubble whichever thread completes the task.
    /// </summary>
    internal Chan<bool> WhenDone(Task task)
    {
        var done = new Chan<bool>();
        task.GetAwaiter().UnsafeOnCompleted(() =>
        {
            if (!IsFinished)
            {
                done.Close();
            }
        });
        return done;
    }

    /// <summary>
    /// Readies <paramref name="g"/> once <paramref name="task"/> completes (Go.Await in a bubble).
    /// The continuation captures the bubble's synchronization context (the caller runs on a bubble
    /// thread): it runs at once when the task completes in the bubble, and as a goroutine of the
    /// bubble when it completes outside; a context-free continuation would be sent to the thread
    /// pool from a bubble thread, which .NET does not inline continuations on.
    /// </summary>
    internal static void ReadyWhenDone(Task task, G g) => task.GetAwaiter().UnsafeOnCompleted(g.ReadyAction);
}
