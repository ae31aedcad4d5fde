using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// A million goroutines parked on a channel, and what the same million would cost as OS threads
// or as parked async Tasks: every number is measured in this process, none is quoted.
public static partial class Program
{
    private const int Million = 1_000_000;

    /// <summary>Real threads are costly to make (and containers often cap them), so 1,000 are measured and the cost scaled up.</summary>
    private const int ThreadSample = 1_000;

    public static void Main()
    {
        Console.WriteLine($"{"",-22} {"per item",14} {"x 1,000,000",14}   measured on");
        (long goroutineBytes, TimeSpan goroutineStart, TimeSpan goroutineWake) = Go.Run(() => ParkGoroutines(Million));
        PrintRow("goroutine (parked)", goroutineBytes, Million, "managed heap");
        (long taskBytes, TimeSpan taskStart, TimeSpan taskWake) = ParkTasks(Million);
        PrintRow("async Task (parked)", taskBytes, Million, "managed heap");
        (long threadBytes, long threadReserved) = BlockThreads(ThreadSample);
        PrintRow("OS thread (blocked)", threadBytes, ThreadSample, $"resident; plus {Size(threadReserved)} of address space reserved each");

        Console.WriteLine();
        Console.WriteLine($"1,000,000 goroutines: started and parked in {goroutineStart.TotalMilliseconds,6:N0} ms, woken in {goroutineWake.TotalMilliseconds,6:N0} ms (by closing the channel they wait on)");
        Console.WriteLine($"1,000,000 Tasks:      started and parked in {taskStart.TotalMilliseconds,6:N0} ms, woken in {taskWake.TotalMilliseconds,6:N0} ms (by completing the Task they await)");
    }

    /// <summary>Starts <paramref name="n"/> goroutines that wait on one channel; returns the bytes each takes and the times to start and to wake them all.</summary>
    [Goroutine]
    private static (long BytesEach, TimeSpan Start, TimeSpan Wake) ParkGoroutines(int n)
    {
        var gate = new Chan<Unit>();
        var ready = new WaitGroup();
        var done = new WaitGroup();
        long before = ManagedHeap();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            ready.Add(1);
            done.Add(1);
            go(() => Parked(gate, ready, done));
        }

        ready.Wait(); // every goroutine has started and is at (or about to reach) its receive
        TimeSpan start = clock.Elapsed;
        long bytesEach = (ManagedHeap() - before) / n;

        clock.Restart();
        gate.Close(); // Go's close(gate): wakes every goroutine waiting to receive
        done.Wait();
        return (bytesEach, start, clock.Elapsed);
    }

    [Goroutine]
    private static void Parked(Chan<Unit> gate, WaitGroup ready, WaitGroup done)
    {
        ready.Done();
        using var _ = Defer(done.Done);
        gate.Receive(); // parks: no thread waits here
    }

    /// <summary>The same with async methods awaiting one TaskCompletionSource's task.</summary>
    private static (long BytesEach, TimeSpan Start, TimeSpan Wake) ParkTasks(int n)
    {
        var gate = new TaskCompletionSource();
        var tasks = new Task[n];
        long before = ManagedHeap();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            tasks[i] = ParkedTask(gate.Task);
        }

        TimeSpan start = clock.Elapsed;
        long bytesEach = (ManagedHeap() - before - (long)IntPtr.Size * n) / n; // not the array that keeps them

        clock.Restart();
        gate.SetResult(); // runs the awaiting continuations
        Task.WaitAll(tasks);
        return (bytesEach, start, clock.Elapsed);
    }

    private static async Task ParkedTask(Task gate) => await gate;

    /// <summary>Starts <paramref name="n"/> threads blocked on an event; returns the resident and reserved bytes each adds to the process.</summary>
    private static (long ResidentEach, long ReservedEach) BlockThreads(int n)
    {
        using var gate = new ManualResetEventSlim(false);
        using var ready = new CountdownEvent(n);
        var threads = new Thread[n];
        (long residentBefore, long reservedBefore) = ProcessMemory();
        for (int i = 0; i < n; i++)
        {
            threads[i] = new Thread(() =>
            {
                ready.Signal();
                gate.Wait();
            })
            { IsBackground = true };
            threads[i].Start();
        }

        ready.Wait();
        (long resident, long reserved) = ProcessMemory();
        gate.Set();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        return ((resident - residentBefore) / n, (reserved - reservedBefore) / n);
    }

    private static long ManagedHeap() => GC.GetTotalMemory(forceFullCollection: true);

    private static (long Resident, long Reserved) ProcessMemory()
    {
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, process.VirtualMemorySize64);
    }

    private static void PrintRow(string what, long bytesEach, int measuredOn, string note) =>
        Console.WriteLine($"{what,-22} {Size(bytesEach),14} {Size(bytesEach * Million),14}   {measuredOn:N0}, {note}");

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):N1} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):N1} MB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):N1} KB",
        _ => $"{bytes} B",
    };
}
