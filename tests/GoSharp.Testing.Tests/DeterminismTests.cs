namespace GoSharp.Testing.Tests;

/// <summary>
/// Reproducible interleavings: a bubble runs one goroutine at a time and draws every scheduling
/// choice from its seed, so a seed replays an interleaving exactly, and Explore finds the seed of
/// a failing one.
/// </summary>
public partial class DeterminismTests
{
    /// <summary>
    /// A bit of everything that involves a choice: goroutines of both kinds racing for channels,
    /// selects with several ready cases, timers due at the same instant, a mutex, a WaitGroup.
    /// </summary>
    [Goroutine]
    private static void Workload(List<string> log)
    {
        var jobs = new Chan<int>(3);
        var results = new Chan<string>();
        var quit = new Chan<bool>();
        var mu = new Mutex();
        var wg = new WaitGroup();
        int shared = 0;
        for (int w = 0; w < 3; w++)
        {
            int id = w;
            wg.Add(1);
            go(() => Worker(id, jobs, results, wg));
        }

        wg.Go(() =>
        {
            // A plain delegate (only go's lambdas are rewritten): it blocks its thread, and still
            // takes its turns by the seed.
            for (int i = 0; i < 5; i++)
            {
                mu.Lock();
                shared++;
                mu.Unlock();
                Gosched();
            }
        });

        for (int t = 0; t < 3; t++)
        {
            int tag = t;
            AfterFunc(TimeSpan.FromSeconds(1), () => results.Send($"timer {tag}")); // all due at once
        }

        go(() =>
        {
            for (int i = 0; i < 9; i++)
            {
                jobs.Send(i);
            }

            jobs.Close();
        });
        go(() =>
        {
            wg.Wait();
            Sleep(TimeSpan.FromSeconds(2));
            quit.Close();
        });
        while (true)
        {
            switch (Select(results.OnReceive(out var r), quit.OnReceive()))
            {
                case 0:
                    log.Add($"{SyncTest.Now:HH:mm:ss} {r.Value}");
                    break;
                default:
                    log.Add($"shared {shared}");
                    return;
            }
        }
    }

    [Goroutine]
    private static void Worker(int id, Chan<int> jobs, Chan<string> results, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        foreach (int job in jobs)
        {
            var a = new Chan<int>(1);
            var b = new Chan<int>(1);
            a.Send(1);
            b.Send(2);
            int pick = Select(a.OnReceive(), b.OnReceive()); // both ready: the seed decides
            results.Send($"worker {id} job {job} picked {pick}");
        }
    }

    private static string Trace(long seed)
    {
        var trace = new List<string>();
        var log = new List<string>();
        SyncTest.RunTraced(() => Workload(log), seed, trace);
        return string.Join('\n', trace) + "\n--\n" + string.Join('\n', log);
    }

    [Fact]
    public void The_same_seed_gives_a_byte_identical_trace_of_scheduling_decisions_over_100_runs()
    {
        string first = Trace(seed: 1234);
        Assert.Contains("timer 2", first);
        Assert.Contains("shared 5", first);
        for (int run = 1; run < 100; run++)
        {
            string again = Trace(seed: 1234);
            Assert.True(first == again, $"run {run} differs from the first:\n{FirstDifference(first, again)}");
        }
    }

    [Fact]
    public void Different_seeds_give_different_interleavings()
    {
        var traces = Enumerable.Range(1, 20).Select(seed => Trace(seed)).ToHashSet();
        Assert.True(traces.Count >= 10, $"only {traces.Count} distinct interleavings in 20 seeds");
    }

    private static string FirstDifference(string a, string b)
    {
        string[] x = a.Split('\n'), y = b.Split('\n');
        int i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i])
        {
            i++;
        }

        return $"line {i}: '{(i < x.Length ? x[i] : "<end>")}' vs '{(i < y.Length ? y[i] : "<end>")}'";
    }

    private sealed class Account
    {
        public int Balance = 100;
    }

    /// <summary>
    /// A planted check-then-act race: two withdrawals of 70 from 100 each check the balance, log
    /// to an auditor over an unbuffered channel, then act. It overdraws only when both check
    /// before either acts, which needs both sends to park before the auditor takes either.
    /// </summary>
    [Goroutine]
    internal static void Bank()
    {
        var account = new Account();
        var audit = new Chan<string>();
        var wg = new WaitGroup();
        go(() => Auditor(audit));
        wg.Add(2);
        go(() => Withdraw(account, 70, audit, wg));
        go(() => Withdraw(account, 70, audit, wg));
        wg.Wait();
        audit.Close();
        Assert.True(account.Balance >= 0, $"overdrawn: balance {account.Balance}");
    }

    [Goroutine]
    private static void Withdraw(Account account, int amount, Chan<string> audit, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        if (account.Balance >= amount)
        {
            audit.Send($"withdraw {amount}");
            account.Balance -= amount;
        }
    }

    [Goroutine]
    private static void Auditor(Chan<string> audit)
    {
        foreach (string _ in audit)
        {
        }
    }

    [Fact]
    public void Explore_finds_the_planted_race_and_its_seed_replays_it()
    {
        var e = Assert.Throws<InterleavingFailedException>(() => SyncTest.Explore(() => Bank(), runs: 100));
        Assert.True(e.Replayed);
        Assert.Contains("overdrawn: balance -40", e.InnerException!.Message);
        Assert.Contains($"seed {e.Seed}", e.Message);

        // The seed replays the failure every time; the seeds Explore tried before it pass.
        for (int i = 0; i < 5; i++)
        {
            var again = Assert.ThrowsAny<Exception>(() => SyncTest.Run(() => Bank(), seed: e.Seed));
            Assert.Contains("overdrawn: balance -40", again.Message);
        }

        for (long seed = 1; seed < e.Seed; seed++)
        {
            SyncTest.Run(() => Bank(), seed);
        }
    }

    [Fact]
    public void Explore_passes_when_every_interleaving_passes() =>
        SyncTest.Explore(() =>
        {
            var account = new Account();
            var mu = new Mutex();
            var wg = new WaitGroup();
            for (int i = 0; i < 2; i++)
            {
                wg.Go(() =>
                {
                    mu.Lock();
                    if (account.Balance >= 70)
                    {
                        Gosched();
                        account.Balance -= 70;
                    }

                    mu.Unlock();
                });
            }

            wg.Wait();
            Assert.Equal(30, account.Balance);
        }, runs: 50);

    [Fact]
    public void A_seeded_run_fails_when_an_outside_event_lands_while_the_bubble_is_busy()
    {
        void Body()
        {
            int done = 0;
            go(() =>
            {
                Await(Task.Delay(1)); // real time: completes on a thread outside the bubble
                Volatile.Write(ref done, 1);
            });
            while (Volatile.Read(ref done) == 0)
            {
                Gosched(); // the bubble stays busy until the task completes
            }
        }

        var e = Assert.Throws<NondeterminismException>(() => SyncTest.Run(Body, seed: 7));
        Assert.Equal(7, e.Seed);
        Assert.Contains("by a thread outside the bubble's scheduler", e.Cause);
        SyncTest.Run(Body); // without a seed, the run is allowed to depend on timing
    }
}
