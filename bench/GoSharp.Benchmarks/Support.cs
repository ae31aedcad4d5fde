namespace GoSharp.Benchmarks;

/// <summary>
/// sync.WaitGroup stand-in for goroutine code: the last <see cref="Done"/> closes a channel,
/// which wakes the goroutine parked in <see cref="WaitAsync"/>.
/// </summary>
internal sealed class Countdown
{
    private readonly Chan<bool> _done = new();
    private int _remaining;

    public Countdown(int n)
    {
        _remaining = n;
        if (n == 0)
        {
            _done.Close();
        }
    }

    public void Done()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.Close();
        }
    }

    public Chan<bool>.ReceiveWithOkAwaitable WaitAsync() => _done.ReceiveWithOkAsync();
}

/// <summary>The same for tasks: Interlocked countdown + TaskCompletionSource (the .NET anchor's idiom).</summary>
internal sealed class TaskCountdown
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public TaskCountdown(int n)
    {
        _remaining = n;
        if (n == 0)
        {
            _done.SetResult();
        }
    }

    public void Done()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.SetResult();
        }
    }

    public Task Task => _done.Task;
}

/// <summary>Base of every benchmark class: starts GoSharp's scheduler before the first measurement.</summary>
public abstract class BenchBase
{
    [BenchmarkDotNet.Attributes.GlobalSetup]
    public void StartScheduler() => Go.Run(static () => { });
}

/// <summary>
/// The configuration of every benchmark class (<c>[Config(typeof(SideBySide))]</c>): bytes allocated
/// per operation, and benchmarks grouped by category, so that each category's GoSharp cases are
/// compared with that category's .NET baseline.
/// </summary>
public sealed class SideBySide : BenchmarkDotNet.Configs.ManualConfig
{
    public SideBySide()
    {
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        AddColumn(BenchmarkDotNet.Columns.CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory);
    }
}
