using GoSharp.CompilerServices;

namespace GoSharp.Runtime;

/// <summary>
/// A goroutine started from a delegate that returns a <see cref="GoTask"/> (an <c>async GoTask</c>
/// method or lambda). The goroutine is the bottom frame: it calls the delegate, and if the task
/// suspends it becomes the task's parent frame, so the task's completion resumes it here.
/// </summary>
internal abstract class TaskG : G
{
    private Frame? _child;

    /// <summary>Invokes the delegate; returns the task's frame, or null if it completed synchronously.</summary>
    protected abstract Frame? Start();

    /// <summary>Reads the result of the completed task frame.</summary>
    protected virtual void TakeResult(Frame child)
    {
    }

    internal override void MoveNext()
    {
        Frame? child = _child;
        if (child is null)
        {
            try
            {
                child = Start();
            }
            catch (Exception e)
            {
                error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                Finish();
                return;
            }

            if (child is null)
            {
                Finish();
                return;
            }

            if (!child.completed)
            {
                // The task suspended; resume here when it completes.
                Sched.AwaitChild(child, this);
                _child = child;
                return;
            }
        }

        _child = null;
        error = child.error;
        if (error is null)
        {
            TakeResult(child);
        }

        child.Recycle();
        Finish();
    }
}
