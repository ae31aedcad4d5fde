using System.Diagnostics;

namespace GoSharp.Tests.Support;

/// <summary>Bounds for concurrency tests: generous, so they hold on a loaded 2-core machine.</summary>
internal static class Deadline
{
    /// <summary>The most any single scenario may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Scenario = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="action"/> on a plain thread and fails if it does not finish in time.</summary>
    public static void Run(Action action, TimeSpan? limit = null)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        TimeSpan bound = limit ?? Scenario;
        Assert.True(thread.Join(bound),
            $"scenario did not finish within {bound.TotalSeconds:0} s\n{GoSharp.Runtime.SchedTrace.Format(detail: true)}\n{Go.DumpGoroutines()}");
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Runs <paramref name="func"/> on a plain thread, failing if it does not finish in time; returns its result.</summary>
    public static T RunFor<T>(Func<T> func, TimeSpan? limit = null)
    {
        T result = default!;
        Run(() => result = func(), limit);
        return result;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the time is up.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan bound = limit ?? Scenario;
        while (!condition())
        {
            if (clock.Elapsed > bound)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }
}
