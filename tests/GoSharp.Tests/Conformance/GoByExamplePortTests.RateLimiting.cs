using System.Collections.Concurrent;
using System.Diagnostics;
using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

public partial class GoByExamplePortTests
{
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
            t.C.TryReceive(out _);    // a tick sent before Stop may still be buffered, in Go 1.19 too
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
