using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Channels;

public class SelectTests
{
    /// <summary>runtime/chan_test.go TestSelectFairness: among always-ready cases each is chosen half the time.</summary>
    [Fact]
    public void Select_is_fair_among_ready_cases()
    {
        const int trials = 10_000;
        int count1 = 0, count2 = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<byte> c1 = new(trials + 1), c2 = new(trials + 1);
            for (int i = 0; i < trials + 1; i++)
            {
                c1.Send(1);
                c2.Send(2);
            }

            Chan<byte> c3 = new(), c4 = new(), output = new(), done = new();
            go(async () =>
            {
                while (true)
                {
                    var s = await SelectAsync(c3.OnReceive(), c4.OnReceive(), c1.OnReceive(), c2.OnReceive());
                    byte b = s.Index switch { 0 => s.Case0.Value, 1 => s.Case1.Value, 2 => s.Case2.Value, _ => s.Case3.Value };
                    if ((await SelectAsync(output.OnSend(b), done.OnReceive())).Index == 1)
                    {
                        return;
                    }
                }
            });

            for (int i = 0; i < trials; i++)
            {
                switch (await output.ReceiveAsync())
                {
                    case 1: count1++; break;
                    case 2: count2++; break;
                }
            }

            done.Close();
        }));

        // Go's bound: the margin of error at a confidence level of six nines.
        double error = Math.Abs((double)count1 / trials - 0.5);
        Assert.True(error <= 4.891676 / (2 * Math.Sqrt(trials)), $"unfair select: {count1} vs {count2}");
        Assert.Equal(trials, count1 + count2);
    }

    /// <summary>The blocking form is fair too.</summary>
    [Fact]
    public void The_blocking_select_is_fair_among_ready_cases()
    {
        const int trials = 10_000;
        Chan<int> a = new(1), b = new(1);
        int countA = 0;
        for (int i = 0; i < trials; i++)
        {
            a.TrySend(0);
            b.TrySend(1);
            if (Select(a.OnReceive(), b.OnReceive()) == 0)
            {
                countA++;
            }
        }

        Assert.True(Math.Abs((double)countA / trials - 0.5) <= 4.891676 / (2 * Math.Sqrt(trials)), $"unfair: {countA} of {trials}");
    }

    /// <summary>runtime/chan_test.go TestPseudoRandomSend: two send cases on one channel both get chosen.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_select_with_two_sends_on_one_channel_picks_both(int capacity)
    {
        const int n = 100;
        var values = new int[n];
        Deadline.Run(() => Go.Run(async () =>
        {
            var c = new Chan<int>(capacity);
            var done = new Chan<bool>();
            go(async () =>
            {
                for (int i = 0; i < n; i++)
                {
                    await GoschedAsync();
                    values[i] = await c.ReceiveAsync();
                }

                done.Close();
            });
            for (int i = 0; i < n; i++)
            {
                await SelectAsync(c.OnSend(1), c.OnSend(0));
            }

            await done.ReceiveAsync();
        }));

        int ones = values.Count(v => v == 1);
        Assert.True(ones > n / 10 && n - ones > n / 10, $"{ones} ones and {n - ones} zeros");
    }

    [Fact]
    public void Channels_of_different_element_types_have_distinct_lock_order_ids()
    {
        // A select locks its channels in id order and skips a repeated id (the same channel in
        // two cases). Ids repeated across element types once made a select leave a channel unlocked.
        var ids = new[] { new Chan<int>().id, new Chan<bool>().id, new Chan<string>().id, new Chan<int>().id };
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void A_receive_case_fills_only_its_own_variable()
    {
        Chan<int> a = new(1), b = new(1);
        b.Send(42);
        int chosen = Select(a.OnReceive(out var fromA), b.OnReceive(out var fromB));
        Assert.Equal(1, chosen);
        Assert.False(fromA.Ok);
        Assert.Equal(new Received<int>(42, true), fromB);
    }

    [Fact]
    public void A_blocked_select_wakes_for_whichever_case_becomes_ready_and_cleans_up_the_others()
    {
        Deadline.Run(() =>
        {
            for (int round = 0; round < 200; round++)
            {
                Chan<int> a = new(), b = new(), c = new();
                int which = round % 3;
                var result = Go.RunAsync(async () => await SelectAsync(a.OnReceive(), b.OnReceive(), c.OnSend(7)));
                var thread = new Thread(() =>
                {
                    switch (which)
                    {
                        case 0: a.Send(1); break;
                        case 1: b.Send(2); break;
                        default: Assert.Equal(7, c.Receive()); break;
                    }
                });
                thread.Start();
                Assert.True(result.Wait(Deadline.Scenario));
                Assert.Equal(which, result.Result.Index);
                thread.Join();

                // The select's other waiters are gone: the channels are idle again.
                Assert.False(a.TryReceive(out int _));
                Assert.False(b.TrySend(0));
                Assert.False(c.TryReceive(out int _));
            }
        });
    }

    [Fact]
    public void Closing_a_channel_wakes_a_select_waiting_on_it()
    {
        Deadline.Run(() =>
        {
            Chan<int> a = new(), quit = new();
            var waiter = Go.RunAsync(async () => await SelectAsync(a.OnReceive(), quit.OnReceive()));
            Parked.OnThread(() => Select(a.OnReceive(), quit.OnReceive(out var r)));
            quit.Close();
            Assert.True(waiter.Wait(Deadline.Scenario));
            Assert.Equal(1, waiter.Result.Index);
            Assert.False(waiter.Result.Case1.Ok);
        });
    }

    [Fact]
    public void Many_selects_contending_for_few_values_commit_each_value_once()
    {
        using var _ = MaxProcs.Set(2);
        const int values = 50_000;
        const int consumers = 8;
        var counts = new int[values];
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int> x = new(), y = new(16);
            var done = new Chan<bool>();
            int finished = 0;
            for (int k = 0; k < consumers; k++)
            {
                go(async () =>
                {
                    // Go's idiom: a closed input's variable is set to nil, which disables its case.
                    Chan<int>? xs = x, ys = y;
                    while (xs is not null || ys is not null)
                    {
                        var s = await SelectAsync(xs.OnReceive(), ys.OnReceive());
                        var r = s.Index == 0 ? s.Case0 : s.Case1;
                        if (r.Ok)
                        {
                            Interlocked.Increment(ref counts[r.Value]);
                        }
                        else if (s.Index == 0)
                        {
                            xs = null;
                        }
                        else
                        {
                            ys = null;
                        }
                    }

                    if (Interlocked.Increment(ref finished) == consumers)
                    {
                        done.Close();
                    }
                });
            }

            // Two producers, one per channel; every value must reach exactly one select.
            go(async () =>
            {
                for (int i = 0; i < values; i += 2)
                {
                    await x.SendAsync(i);
                }

                x.Close();
            });
            for (int i = 1; i < values; i += 2)
            {
                await y.SendAsync(i);
            }

            y.Close();
            await done.ReceiveAsync();
        }));

        Assert.All(counts, c => Assert.Equal(1, c));
    }
}
