using GoSharp.Tests.Support;

namespace GoSharp.Tests.Diagnostics;

public class GoroutineDumpTests
{
    private static readonly ParkSite s_site = new("Worker.cs", 42, "ch.Receive()");

    /// <summary>What a generated twin looks like: the park site is announced before the operation.</summary>
    private static async GoTask WaitForever(Chan<int> ch)
    {
        await GoroutineEntry.Call;
        ParkSite.Next(s_site);
        await ch.ReceiveAsync();
    }

    /// <summary>The lines a dump prints for the goroutine whose header is <paramref name="header"/>.</summary>
    private static string SectionOf(string dump, string header)
    {
        Assert.Contains(header, dump);
        string section = dump[dump.IndexOf(header, StringComparison.Ordinal)..];
        return section[..section.IndexOf("\n\n", StringComparison.Ordinal)];
    }

    [Fact]
    public void A_dump_lists_parked_goroutines_with_their_wait_and_frames()
    {
        var ch = new Chan<int>();
        var g = Parked.InGoroutine(() => WaitForever(ch));
        string dump = Go.DumpGoroutines();
        ch.Send(1); // release it

        string section = SectionOf(dump, $"goroutine {g.goid} [chan receive]:");
        Assert.Contains("GoroutineDumpTests.WaitForever", section);
        Assert.Contains("Worker.cs:42 (ch.Receive())", section);
        Assert.Contains("waiting on chan Int32", section);
    }

    [Fact]
    public void A_goroutine_parked_in_a_select_is_listed_waiting_on_every_case()
    {
        var numbers = new Chan<int>();
        var names = new Chan<string>(1);
        var g = Parked.InGoroutine(async () =>
        {
            await GoroutineEntry.Call;
            await Go.SelectAsync(numbers.OnReceive(), names.OnReceive());
        });
        string dump = Go.DumpGoroutines();
        numbers.Send(1); // release it

        string section = SectionOf(dump, $"goroutine {g.goid} [select]:");
        Assert.Contains("waiting on chan Int32", section);
        Assert.Contains("waiting on chan String", section);
    }

    /// <summary>
    /// A dump reads the goroutines while they run: a waiter it is printing can be released and
    /// reused meanwhile. Once, the dump read a waiter's target twice and met the null in between.
    /// </summary>
    [Fact]
    public void Dumping_while_goroutines_park_and_wake_never_fails()
    {
        using var _ = MaxProcs.Set(2);
        var ping = new Chan<int>();
        var pong = new Chan<int>();
        var stop = new Chan<int>();
        int dumps = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            for (int p = 0; p < 2; p++)
            {
                Go.go(async () =>
                {
                    while (true)
                    {
                        var r = await Go.SelectAsync(ping.OnSend(1), pong.OnReceive(), stop.OnReceive());
                        if (r.Index == 2)
                        {
                            return;
                        }
                    }
                });
                Go.go(async () =>
                {
                    while (true)
                    {
                        var r = await Go.SelectAsync(ping.OnReceive(), pong.OnSend(2), stop.OnReceive());
                        if (r.Index == 2)
                        {
                            return;
                        }
                    }
                });
            }

            var dumper = new Thread(() =>
            {
                for (; dumps < 10_000; dumps++)
                {
                    Assert.Contains("goroutine ", Go.DumpGoroutines());
                }
            });
            dumper.Start();
            Assert.True(dumper.Join(Deadline.Scenario), "the dumps did not finish");
            stop.Close();
        }));
        Assert.Equal(10_000, dumps);
    }

    /// <summary>
    /// The minutes a dump prints are those of the wait, not of a clock crossing a minute: a wait
    /// of a few milliseconds that began just before a minute boundary once read "1 minutes".
    /// </summary>
    [Theory]
    [InlineData(100, 100, 0)]
    [InlineData(100, 101, 0)]   // at most 16 s
    [InlineData(100, 107, 0)]   // 56 s
    [InlineData(100, 108, 1)]   // 64 s
    [InlineData(100, 175, 10)]  // 600 s
    [InlineData(65530, 2, 1)]   // across the clock's wrap: 8 ticks
    public void Minutes_waiting_are_whole_minutes_of_the_wait(int since, int now, int minutes) =>
        Assert.Equal(minutes, GoSharp.Runtime.G.MinutesBetween((ushort)since, (ushort)now));
}
