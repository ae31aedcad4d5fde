using System.Collections.Concurrent;

namespace TasksBench;

/// <summary>
/// A TaskScheduler with one dedicated thread: the closest .NET analogue of GOMAXPROCS=1. Tasks
/// started on it, and the continuations of their awaits (which resume on TaskScheduler.Current),
/// all run on that thread, one at a time, in arrival order.
/// </summary>
internal sealed class SingleThreadScheduler : TaskScheduler
{
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread _thread;

    public SingleThreadScheduler()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "single-thread scheduler" };
        _thread.Start();
    }

    public override int MaximumConcurrencyLevel => 1;

    private void Loop()
    {
        foreach (Task task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Inline only on our own thread, so nothing ever runs elsewhere.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
}
