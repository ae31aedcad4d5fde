// The eight workloads of bench/go written the way a C# engineer writes them without GoSharp:
// `go f()` is Task.Run(() => F()), a goroutine is an async method, make(chan T, n) is
// Channel.CreateBounded<T>(n), and make(chan T) is Channel.CreateBounded<T>(1) (a writer finishes
// once the slot is free instead of meeting the reader; .NET 10's CreateBounded(0) rendezvous
// channel is no faster), sync.WaitGroup is an Interlocked countdown completing a
// TaskCompletionSource.
//
//   dotnet TasksBench.dll <skynet|spawn|parked|pingpong|sieve|prodcons|sleepers|hog|hog-pool> [size] [reps]
//
// prints one line per repetition, "<workload> lang=dotnet n=... <figure>=... <check>=...", with the
// same keys and checksums as the Go programs. hog runs both tasks on one dedicated thread (the
// analogue of GOMAXPROCS=1); hog-pool runs them on the default ThreadPool.
using System.Diagnostics;
using System.Globalization;

namespace TasksBench;

internal static class Program
{
    private const string Usage = "usage: TasksBench <skynet|spawn|parked|pingpong|sieve|prodcons|sleepers|hog|hog-pool> [size] [reps]";

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        int size = -1, reps = 1;
        if (args.Length is < 1 or > 3
            || (args.Length > 1 && !int.TryParse(args[1], CultureInfo.InvariantCulture, out size))
            || (args.Length > 2 && !int.TryParse(args[2], CultureInfo.InvariantCulture, out reps))
            || Workload(args[0], size) is not { } run)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        for (int r = 0; r < reps; r++)
        {
            run();
        }

        return 0;
    }

    /// <summary>One repetition of workload <paramref name="name"/>; a negative size means its default.</summary>
    private static Action? Workload(string name, int size)
    {
        int Or(int dflt) => size >= 0 ? size : dflt;
        return name switch
        {
            "skynet" => () => Skynet.Run(Or(1_000_000)).GetAwaiter().GetResult(),
            "spawn" => () => Spawn.Run(Or(1_000_000)).GetAwaiter().GetResult(),
            "parked" => () => Parked.Run(Or(1_000_000)).GetAwaiter().GetResult(),
            "pingpong" => () => PingPong.Run(Or(1_000_000)).GetAwaiter().GetResult(),
            "sieve" => () => Sieve.Run(Or(3000)).GetAwaiter().GetResult(),
            "prodcons" => () => ProdCons.Run(Or(10_000_000)).GetAwaiter().GetResult(),
            "sleepers" => () => Sleepers.Run(Or(100_000)).GetAwaiter().GetResult(),
            "hog" => () => Hog.Run(name, Or(2000), new SingleThreadScheduler()),
            "hog-pool" => () => Hog.Run(name, Or(2000), TaskScheduler.Default),
            _ => null,
        };
    }

    internal static double Ms(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    /// <summary>VmRSS of this process in kB, from /proc/self/status (-1 when it is not there).</summary>
    internal static long VmRssKb()
    {
        const string Field = "VmRSS:";
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(Field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(Field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
