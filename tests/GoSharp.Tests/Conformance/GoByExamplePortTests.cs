using System.Collections.Concurrent;
using System.Diagnostics;
using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go by Example programs on concurrency, ported as goroutine code, with their durations scaled
/// down. Where a program's output is deterministic it is compared with what Go 1.19 prints for
/// the same (scaled) program; where it is not, the test checks what Go guarantees: the order
/// within each goroutine, that nothing runs early, that nothing is lost or duplicated.
/// </summary>
public class GoByExamplePortTests
{
    /// <summary>fmt.Println for several goroutines: lines in the order they were printed.</summary>
    private sealed class Output
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public void Println(string line) => _lines.Enqueue(line);

        public string[] Lines => [.. _lines];
    }

    /// <summary>non-blocking-channel-operations: select with default on a channel nobody uses.</summary>
    [Fact]
    public void Non_blocking_channel_operations()
    {
        var o = new Output();
        Deadline.Run(() => Go.Run(async () =>
        {
            var messages = new Chan<string>();
            var signals = new Chan<bool>();
            var r1 = await SelectAsync(messages.OnReceive(), Default);
            o.Println(r1.Index == 0 ? $"received message {r1.Case0.Value}" : "no message received");

            string msg = "hi";
            o.Println(Select(messages.OnSend(msg), Default) == 0 ? $"sent message {msg}" : "no message sent");

            switch (Select(messages.OnReceive(out var m), signals.OnReceive(out var sig), Default))
            {
                case 0:
                    o.Println($"received message {m.Value}");
                    break;
                case 1:
                    o.Println($"received signal {sig.Value}");
                    break;
                default:
                    o.Println("no activity");
                    break;
            }
        }));

        Assert.Equal(["no message received", "no message sent", "no activity"], o.Lines);
    }

    /// <summary>closing-channels: a worker told "no more jobs" by close, and a receive from the closed channel.</summary>
    [Fact]
    public void Closing_channels()
    {
        var o = new Output();
        Deadline.Run(() => Go.Run(async () =>
        {
            var jobs = new Chan<int>(5);
            var done = new Chan<bool>();
            go(async () =>
            {
                while (true)
                {
                    var (j, more) = await jobs.ReceiveWithOkAsync();
                    if (more)
                    {
                        o.Println($"received job {j}");
                    }
                    else
                    {
                        o.Println("received all jobs");
                        await done.SendAsync(true);
                        return;
                    }
                }
            });

            for (int j = 1; j <= 3; j++)
            {
                await jobs.SendAsync(j);
                o.Println($"sent job {j}");
            }

            jobs.Close();
            o.Println("sent all jobs");
            await done.ReceiveAsync();
            var (_, ok) = await jobs.ReceiveWithOkAsync();
            o.Println($"received more jobs: {(ok ? "true" : "false")}");
        }));

        // Go 1.19 printed the sends first; the two goroutines may interleave, each in its own order.
        string[] lines = o.Lines;
        Assert.Equal(["sent job 1", "sent job 2", "sent job 3", "sent all jobs"], lines.Where(l => l.StartsWith("sent", StringComparison.Ordinal)));
        Assert.Equal(["received job 1", "received job 2", "received job 3", "received all jobs"],
            lines.Where(l => l.StartsWith("received", StringComparison.Ordinal)).SkipLast(1));
        Assert.Equal("received more jobs: false", lines[^1]);
        Assert.True(Array.IndexOf(lines, "sent job 3") < Array.IndexOf(lines, "received all jobs")); // the close follows the last send
    }

    /// <summary>range-over-channels: ranging over a closed buffered channel yields its values and stops.</summary>
    [Fact]
    public void Range_over_channels()
    {
        var o = new Output();
        Deadline.Run(() => Go.Run(async () =>
        {
            var queue = new Chan<string>(2);
            await queue.SendAsync("one");
            await queue.SendAsync("two");
            queue.Close();
            await foreach (string elem in queue)
            {
                o.Println(elem);
            }
        }));

        Assert.Equal(["one", "two"], o.Lines);
    }

    /// <summary>atomic-counters (the current version): 50 goroutines add 1,000 each, waited for with a WaitGroup.</summary>
    [Fact]
    public void Atomic_counters()
    {
        using var _ = MaxProcs.Set(2);
        ulong ops = Deadline.RunFor(() => Go.Run(async () =>
        {
            ulong counter = 0;
            var wg = new WaitGroup();
            for (int i = 0; i < 50; i++)
            {
                wg.Add(1);
                go(() =>
                {
                    for (int c = 0; c < 1000; c++)
                    {
                        Interlocked.Increment(ref counter);
                    }

                    wg.Done();
                });
            }

            await wg.WaitAsync();
            return Interlocked.Read(ref counter);
        }));

        Assert.Equal(50000UL, ops); // Go 1.19: "ops: 50000"
    }

    /// <summary>timeouts: a select against time.After, once timing out and once not.</summary>
    [Fact]
    public void Timeouts()
    {
        var o = new Output();
        Deadline.Run(() => Go.Run(async () =>
        {
            var c1 = new Chan<string>(1);
            go(async () =>
            {
                await SleepAsync(TimeSpan.FromSeconds(1));
                await c1.SendAsync("result 1");
            });
            var r1 = await SelectAsync(c1.OnReceive(), After(TimeSpan.FromMilliseconds(50)).OnReceive());
            o.Println(r1.Index == 0 ? r1.Case0.Value : "timeout 1");

            var c2 = new Chan<string>(1);
            go(async () =>
            {
                await SleepAsync(TimeSpan.FromMilliseconds(50));
                await c2.SendAsync("result 2");
            });
            var r2 = await SelectAsync(c2.OnReceive(), After(TimeSpan.FromSeconds(1)).OnReceive());
            o.Println(r2.Index == 0 ? r2.Case0.Value : "timeout 2");
        }));

        Assert.Equal(["timeout 1", "result 2"], o.Lines); // as Go 1.19 prints
    }

    /// <summary>worker-pools: three workers, five jobs of 100 ms; every job done once, never more than three at a time.</summary>
    [Fact]
    public void Worker_pools()
    {
        var o = new Output();
        int busy = 0, mostBusy = 0;
        async GoTask Worker(int id, ReceiveOnlyChan<int> jobs, SendOnlyChan<int> results)
        {
            await foreach (int j in jobs)
            {
                o.Println($"worker {id} started  job {j}");
                int now = Interlocked.Increment(ref busy);
                InterlockedMax(ref mostBusy, now);
                await SleepAsync(TimeSpan.FromMilliseconds(100));
                Interlocked.Decrement(ref busy);
                o.Println($"worker {id} finished job {j}");
                await results.SendAsync(j * 2);
            }
        }

        var results = Deadline.RunFor(() => Go.Run(async () =>
        {
            const int numJobs = 5;
            var jobs = new Chan<int>(numJobs);
            var results = new Chan<int>(numJobs);
            for (int w = 1; w <= 3; w++)
            {
                int id = w;
                go(() => Worker(id, jobs, results));
            }

            for (int j = 1; j <= numJobs; j++)
            {
                await jobs.SendAsync(j);
            }

            jobs.Close();
            var got = new List<int>();
            for (int a = 1; a <= numJobs; a++)
            {
                got.Add(await results.ReceiveAsync());
            }

            return got;
        }));

        Assert.Equal([2, 4, 6, 8, 10], results.Order());
        Assert.InRange(mostBusy, 1, 3);
        string[] lines = o.Lines;
        for (int j = 1; j <= 5; j++)
        {
            string started = Assert.Single(lines, l => l.EndsWith($"started  job {j}", StringComparison.Ordinal));
            string finished = Assert.Single(lines, l => l.EndsWith($"finished job {j}", StringComparison.Ordinal));
            Assert.Equal(started[..8], finished[..8]); // "worker N": the same worker
            Assert.True(Array.IndexOf(lines, started) < Array.IndexOf(lines, finished));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>tickers: a 50 ms ticker stopped after about 175 ms ticks once a period until then, and never after Stop.</summary>
    [Fact]
    public void Tickers()
    {
        var o = new Output();
        var ticks = new ConcurrentQueue<DateTime>();
        var period = TimeSpan.FromMilliseconds(50);
        DateTime start = default, stoppedAt = default;
        Deadline.Run(() => Go.Run(async () =>
        {
            start = DateTime.UtcNow;
            Ticker ticker = NewTicker(period);
            var done = new Chan<bool>();
            var exited = new Chan<Unit>();
            go(async () =>
            {
                while (true)
                {
                    var r = await SelectAsync(done.OnReceive(), ticker.C.OnReceive());
                    if (r.Index == 0)
                    {
                        exited.Close();
                        return;
                    }

                    ticks.Enqueue(r.Case1.Value);
                    o.Println("Tick");
                }
            });

            await SleepAsync(TimeSpan.FromMilliseconds(175));
            stoppedAt = DateTime.UtcNow;
            ticker.Stop();
            await done.SendAsync(true);
            o.Println("Ticker stopped");
            await exited.ReceiveAsync();
            Assert.Equal(1, Select(ticker.C.OnReceive(), Default)); // nothing after Stop
        }));

        // Go 1.19 printed three ticks, at 50, 100 and 150 ms. A loaded machine may wake the sleeper
        // late, and deliver fewer ticks; never one early, nor more than the periods before Stop.
        DateTime[] at = [.. ticks];
        Assert.InRange(at.Length, 0, (int)((stoppedAt - start) / period));
        TimeSpan slack = TimeSpan.FromMilliseconds(20); // clock granularity
        for (int i = 0; i < at.Length; i++)
        {
            Assert.True(at[i] - start >= ((i + 1) * period) - slack, $"tick {i + 1} came {(at[i] - start).TotalMilliseconds} ms after the start");
        }

        Assert.Equal("Ticker stopped", o.Lines[^1]);
    }

    /// <summary>rate-limiting: one request per tick; then a bursty limiter that lets three through at once.</summary>
    [Fact]
    public void Rate_limiting()
    {
        var period = TimeSpan.FromMilliseconds(50);
        var steady = new List<TimeSpan>();
        var bursty = new List<TimeSpan>();
        Deadline.Run(() => Go.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var requests = new Chan<int>(5);
            for (int i = 1; i <= 5; i++)
            {
                await requests.SendAsync(i);
            }

            requests.Close();
            // Go's program uses time.Tick and lets the tickers run on. A GoSharp ticker that is
            // never stopped stays in the timer heap for good (it would keep deadlock detection
            // silent for the rest of the test run), so these are stopped at the end.
            Ticker limiter = NewTicker(period);
            await foreach (int req in requests)
            {
                await limiter.C.ReceiveAsync();
                steady.Add(clock.Elapsed);
            }

            limiter.Stop();

            clock.Restart();
            var burstyLimiter = new Chan<DateTime>(3);
            for (int i = 0; i < 3; i++)
            {
                await burstyLimiter.SendAsync(DateTime.UtcNow);
            }

            var stop = new Chan<Unit>();
            Ticker refill = NewTicker(period);
            go(async () =>
            {
                while (true)
                {
                    var tick = await SelectAsync(refill.C.OnReceive(), stop.OnReceive());
                    if (tick.Index == 1 || (await SelectAsync(burstyLimiter.OnSend(tick.Case0.Value), stop.OnReceive())).Index == 1)
                    {
                        return;
                    }
                }
            });

            var burstyRequests = new Chan<int>(5);
            for (int i = 1; i <= 5; i++)
            {
                await burstyRequests.SendAsync(i);
            }

            burstyRequests.Close();
            await foreach (int req in burstyRequests)
            {
                await burstyLimiter.ReceiveAsync();
                bursty.Add(clock.Elapsed);
            }

            refill.Stop();
            stop.Close();
        }));

        // Go 1.19: requests at 50, 100, 150, 200, 250 ms; then 0, 0, 0, 50, 100 ms. Lower bounds only:
        // a loaded machine may be late, never early.
        TimeSpan slack = TimeSpan.FromMilliseconds(20);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(steady[i] >= ((i + 1) * period) - slack, $"request {i + 1} served at {steady[i].TotalMilliseconds} ms");
        }

        Assert.True(bursty[3] >= period - slack, $"request 4 of the burst served at {bursty[3].TotalMilliseconds} ms");
        Assert.True(bursty[4] >= (2 * period) - slack, $"request 5 of the burst served at {bursty[4].TotalMilliseconds} ms");
    }

    /// <summary>
    /// What the first port of rate-limiting showed: a goroutine left receiving from a stopped
    /// ticker kept deadlock detection silent for the rest of the process, because the runtime's
    /// own tick sends counted as a plain thread using the channel. Go 1.19 reports this program
    /// as "all goroutines are asleep - deadlock!".
    /// </summary>
    [Fact]
    public void Rate_limiting_a_receive_from_a_stopped_ticker_is_a_deadlock_as_in_Go()
    {
        DeadlockException? caught = null;
        Deadline.Run(() => caught = Assert.Throws<DeadlockException>(() => Go.Run(async () =>
        {
            Ticker t = NewTicker(TimeSpan.FromMilliseconds(1));
            await t.C.ReceiveAsync(); // a tick, sent by the runtime
            t.Stop();
            await t.C.ReceiveAsync(); // nothing can ever send again
        })), TimeSpan.FromSeconds(10));
        Assert.StartsWith("all goroutines are asleep - deadlock!", caught!.Message);
        Assert.Contains("[chan receive]", caught.Message);
    }

    private sealed record ReadOp(int Key, Chan<int> Resp);

    private sealed record WriteOp(int Key, int Val, Chan<bool> Resp);

    /// <summary>
    /// stateful-goroutines: one goroutine owns a map and serves 100 readers and 10 writers over
    /// channels. Go runs them for a second and prints the count; here each does a fixed number
    /// of operations, so the count is exact, and every read sees a value some write stored.
    /// </summary>
    [Fact]
    public void Stateful_goroutines()
    {
        using var _ = MaxProcs.Set(2);
        const int readers = 100, writers = 10, perGoroutine = 200;
        long ops = 0;
        int badReads = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var state = new Dictionary<int, int>();
            var reads = new Chan<ReadOp>();
            var writes = new Chan<WriteOp>();
            var quit = new Chan<Unit>();
            go(async () =>
            {
                while (true)
                {
                    var r = await SelectAsync(reads.OnReceive(), writes.OnReceive(), quit.OnReceive());
                    switch (r.Index)
                    {
                        case 0:
                            await r.Case0.Value.Resp.SendAsync(state.GetValueOrDefault(r.Case0.Value.Key));
                            break;
                        case 1:
                            state[r.Case1.Value.Key] = r.Case1.Value.Val;
                            await r.Case1.Value.Resp.SendAsync(true);
                            break;
                        default:
                            return;
                    }
                }
            });

            var wg = new WaitGroup();
            for (int r = 0; r < readers; r++)
            {
                wg.Go(async () =>
                {
                    for (int i = 0; i < perGoroutine; i++)
                    {
                        var read = new ReadOp(Random.Shared.Next(5), new Chan<int>());
                        await reads.SendAsync(read);
                        int v = await read.Resp.ReceiveAsync();
                        if (v % 7 != 0) // writers only ever store multiples of 7
                        {
                            Interlocked.Increment(ref badReads);
                        }

                        Interlocked.Increment(ref ops);
                    }
                });
            }

            for (int w = 0; w < writers; w++)
            {
                wg.Go(async () =>
                {
                    for (int i = 0; i < perGoroutine; i++)
                    {
                        var write = new WriteOp(Random.Shared.Next(5), 7 * Random.Shared.Next(100), new Chan<bool>());
                        await writes.SendAsync(write);
                        await write.Resp.ReceiveAsync();
                        Interlocked.Increment(ref ops);
                    }
                });
            }

            await wg.WaitAsync();
            quit.Close();
        }));

        Assert.Equal((readers + writers) * perGoroutine, ops);
        Assert.Equal(0, badReads);
    }
}
