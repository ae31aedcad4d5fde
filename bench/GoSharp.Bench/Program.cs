// GoSharp's implementation of the eight workloads of bench/go (Go) and bench/tasks (Task +
// System.Threading.Channels), ported the way a user would port the Go programs: ordinary synchronous C#
// in [Goroutine] methods of partial classes, which the GoSharp.Generator source generator rewrites
// into goroutines that park instead of blocking a thread (docs/generator.md):
//   - `go f(args)` is go(() => F(args)) with F a [Goroutine] method (arguments evaluated at the go
//     statement, as in Go); each workload's Go `run(n)` is a [Goroutine] Run method started from
//     here with Go.Run(() => X.Run(...)), which blocks this thread until it returns;
//   - make(chan T) is new Chan<T>() (unbuffered, rendezvous), make(chan T, n) is new Chan<T>(n);
//     `ch <- v` is ch.Send(v), `<-ch` is ch.Receive(), `for v := range ch` is foreach (var v in ch);
//   - sync.WaitGroup is GoSharp's WaitGroup (Add/Done/Wait), time.Sleep is Sleep, runtime.Gosched
//     is Gosched, runtime.GOMAXPROCS is Go.GOMAXPROCS;
//   - loops get their preemption checks from the generator (none are written here).
// None of the Go programs uses select.
//
//   dotnet GoSharp.Bench.dll <workload> [size] [reps]
// prints one line per repetition: "<workload> lang=gosharp n=... <key figure>=... <check>=...",
// with the keys and checksums of the Go and Task programs; bench/compare.sh runs all of them.
//
// Workload names. The eight base workloads are skynet, spawn, parked, pingpong, sieve, prodcons,
// sleepers, hog. The names of the plain .NET variants measured when the workloads were first
// compared (other channel kinds, Task.WhenAll, Task.Run per waiter) are accepted too and run
// GoSharp's one port of the Go program:
//   - skynet-unbounded, skynet-whenall, skynet-rv  -> skynet (the Go program: unbuffered channels)
//   - spawn-whenall                                 -> spawn
//   - parked-taskrun, parked-readasync, parked-rv   -> parked (every waiter is a goroutine parked
//                                                      in a receive on an unbuffered channel)
//   - pingpong-unbounded, pingpong-rv, pingpong-sync -> pingpong
//   - sieve-rv                                      -> sieve
//   - hog-pool  -> hog with the default GOMAXPROCS (Environment.ProcessorCount, so
//                  DOTNET_PROCESSOR_COUNT=1 gives one P)
// The printed line names the workload as given on the command line.
// GoSharp-only variants:
//   - skynet-buffered : each parent's result channel has capacity 10 (children never wait)
//   - spawn-func      : Go's literal `go func() { wg.Done() }()` as go(() => { wg.Done(); }), which
//                       the generator turns into an async lambda (go(Func<GoTask>), FuncG)
//   - spawn-action    : go(wg.Done), a plain Action delegate per goroutine (go(Action), ActionG:
//                       runs on the scheduler thread's stack)
//   - hog-ticker      : hog whose ticking goroutine receives from NewTicker(1 ms).C instead of
//                       calling Sleep(1 ms) in a loop
using System.Diagnostics;
using System.Globalization;

namespace GoSharp.Bench;

internal static class Program
{
    private const string Usage =
        "usage: GoSharp.Bench <skynet|skynet-unbounded|skynet-whenall|skynet-rv|skynet-buffered|spawn|spawn-whenall|spawn-func|spawn-action|" +
        "parked|parked-taskrun|parked-readasync|parked-rv|pingpong|pingpong-unbounded|pingpong-rv|pingpong-sync|sieve|sieve-rv|" +
        "prodcons|sleepers|hog|hog-pool|hog-ticker> [size] [reps]";

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string w = args.Length > 0 ? args[0] : "";
        long size = -1;
        if (args.Length > 1 && !long.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out size))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        int reps = 1;
        if (args.Length > 2 && !int.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out reps))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Action? run = Resolve(w, size);
        if (run is null)
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

    /// <summary>One repetition of workload <paramref name="w"/>: a Go.Run of its [Goroutine] Run method.</summary>
    private static Action? Resolve(string w, long size)
    {
        int n = checked((int)size); // -1: the workload's default
        return w switch
        {
            "skynet" or "skynet-unbounded" or "skynet-whenall" or "skynet-rv" => () => Go.Run(() => Skynet.Run(w, Size(n, 1_000_000), false)),
            "skynet-buffered" => () => Go.Run(() => Skynet.Run(w, Size(n, 1_000_000), true)),
            "spawn" or "spawn-whenall" => () => Go.Run(() => Spawn.Run(w, Size(n, 1_000_000), Spawn.Mode.Method)),
            "spawn-func" => () => Go.Run(() => Spawn.Run(w, Size(n, 1_000_000), Spawn.Mode.Lambda)),
            "spawn-action" => () => Go.Run(() => Spawn.Run(w, Size(n, 1_000_000), Spawn.Mode.Action)),
            "parked" or "parked-taskrun" or "parked-readasync" or "parked-rv" => () => Go.Run(() => Parked.Run(w, Size(n, 1_000_000))),
            "pingpong" or "pingpong-unbounded" or "pingpong-rv" or "pingpong-sync" => () => Go.Run(() => PingPong.Run(w, Size(n, 1_000_000))),
            "sieve" or "sieve-rv" => () => Go.Run(() => Sieve.Run(w, Size(n, 3000))),
            "prodcons" => () => Go.Run(() => ProdCons.Run(w, Size(n, 10_000_000))),
            "sleepers" => () => Go.Run(() => Sleepers.Run(w, Size(n, 100_000))),
            "hog" => () =>
            {
                Go.GOMAXPROCS(1);
                Go.Run(() => Hog.Run(w, Size(n, 2000), false));
            },
            "hog-ticker" => () =>
            {
                Go.GOMAXPROCS(1);
                Go.Run(() => Hog.Run(w, Size(n, 2000), true));
            },
            "hog-pool" => () => Go.Run(() => Hog.Run(w, Size(n, 2000), false)),
            _ => null,
        };
    }

    private static int Size(int n, int dflt) => n >= 0 ? n : dflt;

    internal static double Ms(long startTicks) => Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds;

    internal static long ProcStatusKb(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
