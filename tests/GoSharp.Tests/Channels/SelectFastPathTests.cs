using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Channels;

/// <summary>
/// The select's first pass, which tries ready cases one channel at a time in a random order, and
/// the locked pass behind a default case: fairness, nil and closed channels, default, element
/// types that share generic code.
/// </summary>
public class SelectFastPathTests
{
    // Go's bound for TestSelectFairness: the margin of error at a confidence level of six nines.
    private static void AssertUniform(int[] counts, int trials)
    {
        double expected = 1.0 / counts.Length;
        double margin = 4.891676 * Math.Sqrt(expected * (1 - expected) / trials);
        foreach (int c in counts)
        {
            Assert.True(Math.Abs((double)c / trials - expected) <= margin, $"unfair select: {string.Join(", ", counts)}");
        }
    }

    [Fact]
    public void Among_three_ready_cases_and_a_nil_one_each_ready_case_is_chosen_a_third_of_the_time()
    {
        const int trials = 30_000;
        var counts = new int[3];
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int> a = new(1), b = new(1), c = new(1);
            Chan<int>? none = null;
            for (int i = 0; i < trials; i++)
            {
                a.TrySend(0);
                b.TrySend(1);
                c.TrySend(2);
                var s = await SelectAsync(a.OnReceive(), none.OnReceive(), b.OnReceive(), c.OnReceive());
                Assert.NotEqual(1, s.Index);
                int v = s.Index switch { 0 => s.Case0.Value, 2 => s.Case2.Value, _ => s.Case3.Value };
                counts[v]++;
            }
        }));

        AssertUniform(counts, trials);
    }

    [Fact]
    public void Among_two_ready_cases_of_eight_the_choice_is_fair()
    {
        const int trials = 20_000;
        var counts = new int[2];
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int> idle = new(), ready1 = new(1), ready2 = new(1);
            for (int i = 0; i < trials; i++)
            {
                ready1.TrySend(1);
                ready2.TrySend(2);
                var s = await SelectAsync(idle.OnReceive(), idle.OnReceive(), idle.OnReceive(), ready1.OnReceive(),
                    idle.OnReceive(), idle.OnReceive(), idle.OnReceive(), ready2.OnReceive());
                Assert.True(s.Index is 3 or 7);
                counts[s.Index == 3 ? 0 : 1]++;
                Assert.True((s.Index == 3 ? s.Case3 : s.Case7).Ok);

                // Empty the other one again.
                Assert.True(s.Index == 3 ? ready2.TryReceive(out int _) : ready1.TryReceive(out int _));
            }
        }));

        AssertUniform(counts, trials);
    }

    [Fact]
    public void A_ready_case_beats_the_default_and_the_default_wins_when_nothing_is_ready()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int> a = new(1), b = new();
            Assert.Equal(2, (await SelectAsync(a.OnReceive(), b.OnReceive(), Default)).Index);
            Assert.Equal(1, (await SelectAsync(b.OnReceive(), Default)).Index);
            Assert.Equal(0, (await SelectAsync(Default, b.OnSend(1))).Index);

            a.TrySend(5);
            var s = await SelectAsync(a.OnReceive(), b.OnReceive(), Default);
            Assert.Equal(0, s.Index);
            Assert.Equal(new Received<int>(5, true), s.Case0);

            // A send with room in the buffer is ready.
            Assert.Equal(0, (await SelectAsync(a.OnSend(6), Default)).Index);
            Assert.Equal(1, (await SelectAsync(a.OnSend(7), Default)).Index); // full now
            Assert.Equal(6, await a.ReceiveAsync());
        }));
    }

    [Fact]
    public void The_blocking_form_takes_the_same_paths()
    {
        Chan<int> a = new(1), b = new();
        Assert.Equal(2, Select(a.OnReceive(), b.OnReceive(), Default));
        a.TrySend(3);
        Assert.Equal(0, Select(a.OnReceive(out var r), b.OnReceive(), Default));
        Assert.Equal(new Received<int>(3, true), r);
        a.TrySend(4);
        Assert.Equal(1, Select(b.OnReceive(), a.OnReceive(out var r2)));
        Assert.Equal(4, r2.Value);
    }

    [Fact]
    public void A_closed_channel_is_ready_with_ok_false_and_a_send_on_it_throws()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<string> closed = new(), idle = new();
            closed.Close();
            var s = await SelectAsync(idle.OnReceive(), closed.OnReceive());
            Assert.Equal(1, s.Index);
            Assert.False(s.Case1.Ok);
            Assert.Null(s.Case1.Value);

            int thrown = 0;
            try
            {
                await SelectAsync(idle.OnReceive(), closed.OnSend("x"));
            }
            catch (InvalidOperationException e) when (e.Message == "send on closed channel")
            {
                thrown++;
            }

            try
            {
                await SelectAsync(closed.OnSend("x"), Default);
            }
            catch (InvalidOperationException e) when (e.Message == "send on closed channel")
            {
                thrown++;
            }

            Assert.Equal(2, thrown);
        }));

        Chan<int> c = new(4);
        c.Close();
        Assert.Throws<InvalidOperationException>(() => Select(c.OnSend(1), Default));
        Assert.Throws<InvalidOperationException>(() => Select(c.OnSend(1)));
    }

    [Fact]
    public void Reference_typed_cases_carry_their_values()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<string> strings = new(1);
            Chan<object> objects = new(1);
            var box = new object();
            var s = await SelectAsync(strings.OnSend("hello"), objects.OnReceive());
            Assert.Equal(0, s.Index);
            Assert.Equal("hello", await strings.ReceiveAsync());

            objects.TrySend(box);
            s = await SelectAsync(strings.OnReceive(), objects.OnReceive());
            Assert.Equal(1, s.Index);
            Assert.Same(box, s.Case1.Value);
        }));
    }

    [Fact]
    public void Two_defaults_are_rejected()
    {
        Chan<int> c = new(1);
        Assert.Throws<ArgumentException>(() => Select(c.OnReceive(), Default, Default));
        Assert.Throws<ArgumentException>(() => SelectAsync(Default, c.OnReceive(), Default));
    }

    [Fact]
    public void A_select_that_parks_takes_a_value_sent_later_and_leaves_no_waiters_behind()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            for (int round = 0; round < 1000; round++)
            {
                Chan<int> a = new(), b = new(), done = new(1);
                go(async () =>
                {
                    var s = await SelectAsync(a.OnReceive(), b.OnReceive());
                    await done.SendAsync(s.Index == 0 ? s.Case0.Value : -s.Case1.Value);
                });
                await GoschedAsync();
                if (round % 2 == 0)
                {
                    await a.SendAsync(round);
                    Assert.Equal(round, await done.ReceiveAsync());
                }
                else
                {
                    await b.SendAsync(round);
                    Assert.Equal(-round, await done.ReceiveAsync());
                }

                // No stale waiter on either channel takes a value.
                Assert.False(a.TrySend(1));
                Assert.False(b.TrySend(1));
            }
        }));
    }

    [Fact]
    public void Selects_on_the_same_channels_in_opposite_orders_do_not_deadlock()
    {
        using var _ = MaxProcs.Set(2);
        const int rounds = 20_000;
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int> a = new(), b = new();
            var done = new Chan<bool>();
            go(async () =>
            {
                for (int i = 0; i < rounds; i++)
                {
                    await SelectAsync(a.OnSend(i), b.OnSend(i));
                }

                done.Close();
            });
            int got = 0;
            while (got < rounds)
            {
                var s = await SelectAsync(b.OnReceive(), a.OnReceive());
                Assert.True(s.Index is 0 or 1);
                got++;
            }

            await done.ReceiveAsync();
        }));
    }
}
