using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// Two ways to spread work over a fixed number of goroutines: a pool of workers reading a jobs
// channel (counted by a WaitGroup), and an ErrGroup with SetLimit that also stops everything at
// the first failure.
public static partial class Program
{
    public static void Main()
    {
        Go.Run(() => JobsAndResults(workers: 3, jobs: 9));
        Console.WriteLine();
        Go.Run(() => LimitedGroup(limit: 4, downloads: 20, failing: 13));
    }

    // Go:  jobs := make(chan int, n); results := make(chan int, n); for w := 1; w <= 3; w++ { go worker(...) }
    [Goroutine]
    private static void JobsAndResults(int workers, int jobs)
    {
        var clock = Stopwatch.StartNew();
        var jobQueue = new Chan<int>(jobs);
        var results = new Chan<string>(jobs);
        var wg = new WaitGroup();
        for (int w = 1; w <= workers; w++)
        {
            wg.Add(1);
            go(() => Worker(w, jobQueue, results, wg));
        }

        for (int j = 1; j <= jobs; j++)
        {
            jobQueue.Send(j);
        }

        jobQueue.Close(); // the workers' foreach loops end once the queue is drained
        go(() => CloseWhenDone(wg, results));
        foreach (string result in results)
        {
            Console.WriteLine(result);
        }

        Console.WriteLine($"{workers} workers did {jobs} jobs of 100 ms each in {clock.ElapsedMilliseconds} ms");
    }

    [Goroutine]
    private static void Worker(int id, ReceiveOnlyChan<int> jobs, SendOnlyChan<string> results, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        foreach (int job in jobs)
        {
            Sleep(TimeSpan.FromMilliseconds(100)); // the work
            results.Send($"worker {id} finished job {job}");
        }
    }

    [Goroutine]
    private static void CloseWhenDone(WaitGroup wg, Chan<string> results)
    {
        wg.Wait();
        results.Close();
    }

    // Go:  g, ctx := errgroup.WithContext(ctx); g.SetLimit(4); for _, f := range files { g.Go(func() error { ... }) }
    [Goroutine]
    private static void LimitedGroup(int limit, int downloads, int failing)
    {
        var (g, ctx) = ErrGroup.WithContext(Context.Background);
        g.SetLimit(limit);
        var stats = new Stats();
        IEnumerable<string> files = Enumerable.Range(1, downloads).Select(i => $"file-{i}");
        foreach (string file in files)
        {
            // foreach gives each iteration its own `file` (as Go 1.22 does); a for loop's `i` is
            // shared by every iteration, so capturing it here would be a bug.
            g.Go(() => Download(ctx, file, file == $"file-{failing}", stats)); // waits while `limit` run
        }

        Exception? err = g.Wait();
        Console.WriteLine($"errgroup with SetLimit({limit}): at most {stats.MostAtOnce} downloads ran at once; {stats.Finished} finished, {stats.Canceled} were cancelled");
        Console.WriteLine($"Wait() returned: {err?.Message ?? "no error"}");
    }

    /// <summary>Takes 50–150 ms, unless the context ends first; a failing file fails half-way through.</summary>
    [Goroutine]
    private static void Download(Context ctx, string file, bool fails, Stats stats)
    {
        stats.Enter();
        using var _ = Defer(stats.Leave);
        TimeSpan took = TimeSpan.FromMilliseconds(Random.Shared.Next(50, 150));
        switch (Select(After(fails ? took / 2 : took).OnReceive(), ctx.Done().OnReceive()))
        {
            case 0 when fails:
                throw new IOException($"download {file}: server said 503");
            case 0:
                stats.Finish();
                break;
            case 1:
                stats.Cancel(); // another download failed: stop early
                break;
        }
    }

    /// <summary>What the downloads did; updated by several goroutines at once.</summary>
    private sealed class Stats
    {
        private int _running;
        private int _mostAtOnce;
        private int _finished;
        private int _canceled;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Finished => Volatile.Read(ref _finished);

        public int Canceled => Volatile.Read(ref _canceled);

        public void Enter()
        {
            int running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, running, most) != most)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _running);

        public void Finish() => Interlocked.Increment(ref _finished);

        public void Cancel() => Interlocked.Increment(ref _canceled);
    }
}
