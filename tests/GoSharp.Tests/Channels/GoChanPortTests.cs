using System.Runtime.CompilerServices;
using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Channels;

/// <summary>
/// Programs from Go's test/chan, ported: each in goroutine form (awaitable operations, parking)
/// and, where it makes sense, with plain threads using the blocking forms.
/// </summary>
public class GoChanPortTests
{
    private static readonly int[] FirstPrimes = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97 };

    // ---- sieve1: the daisy-chain prime sieve ----

    private static async GoTask Generate(Chan<int> ch, Chan<bool> quit)
    {
        for (int i = 2; ; i++)
        {
            if ((await SelectAsync(ch.OnSend(i), quit.OnReceive())).Index == 1)
            {
                return;
            }
        }
    }

    private static async GoTask Filter(Chan<int> input, Chan<int> output, int prime, Chan<bool> quit)
    {
        while (true)
        {
            var received = await SelectAsync(input.OnReceive(), quit.OnReceive());
            if (received.Index == 1)
            {
                return;
            }

            int i = received.Case0.Value;
            if (i % prime != 0 && (await SelectAsync(output.OnSend(i), quit.OnReceive())).Index == 1)
            {
                return;
            }
        }
    }

    [Fact]
    public void Sieve1_finds_the_primes_through_a_chain_of_goroutines()
    {
        var primes = new List<int>();
        Deadline.Run(() => Go.Run(async () =>
        {
            var quit = new Chan<bool>();
            var ch = new Chan<int>();
            Chan<int> source = ch; // C# closures capture variables: the loop below reassigns ch
            go(() => Generate(source, quit));
            for (int i = 0; i < FirstPrimes.Length; i++)
            {
                int prime = await ch.ReceiveAsync();
                primes.Add(prime);
                var next = new Chan<int>();
                Chan<int> input = ch;
                go(() => Filter(input, next, prime, quit));
                ch = next;
            }

            quit.Close();
        }));

        Assert.Equal(FirstPrimes, primes);
    }

    [Fact]
    public void Sieve1_with_delegate_goroutines_blocking_their_threads()
    {
        var primes = new List<int>();
        Deadline.Run(() => Go.Run(() =>
        {
            var quit = new Chan<bool>();
            var ch = new Chan<int>();
            Chan<int> source = ch;
            go(() =>
            {
                for (int i = 2; Select(source.OnSend(i), quit.OnReceive()) == 0; i++)
                {
                }
            });
            for (int i = 0; i < 10; i++)
            {
                int prime = ch.Receive();
                primes.Add(prime);
                var next = new Chan<int>();
                Chan<int> input = ch;
                go(() =>
                {
                    while (Select(input.OnReceive(out var v), quit.OnReceive()) == 0)
                    {
                        if (v.Value % prime != 0 && Select(next.OnSend(v.Value), quit.OnReceive()) == 1)
                        {
                            return;
                        }
                    }
                });
                ch = next;
            }

            quit.Close();
        }));

        Assert.Equal(FirstPrimes.Take(10), primes);
    }

    // ---- goroutines: a chain of 10,000 goroutines ----

    private static async GoTask Hop(Chan<int> left, Chan<int> right) => await left.SendAsync(1 + await right.ReceiveAsync());

    [Fact]
    public void A_value_passes_through_a_chain_of_ten_thousand_goroutines()
    {
        const int n = 10_000;
        int result = Deadline.RunFor(() => Go.Run(async () =>
        {
            var leftmost = new Chan<int>();
            Chan<int> left = leftmost;
            for (int i = 0; i < n; i++)
            {
                var right = new Chan<int>();
                Chan<int> l = left;
                go(() => Hop(l, right));
                left = right;
            }

            Chan<int> last = left;
            go(async () => await last.SendAsync(0));
            return await leftmost.ReceiveAsync();
        }));

        Assert.Equal(n, result);
    }

    // ---- fifo ----

    [Fact]
    public void A_buffered_channel_is_a_fifo()
    {
        const int n = 10;
        var ch = new Chan<int>(n);
        for (int i = 0; i < n; i++)
        {
            ch.Send(i);
        }

        Assert.Equal(n, ch.Len);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i, ch.Receive());
        }
    }

    private static async GoTask Chain(Chan<int> ch, int expected, Chan<int> input, Chan<int> output, List<int> order)
    {
        await input.ReceiveAsync();
        int v = await ch.ReceiveAsync();
        lock (order)
        {
            order.Add(v - expected);
        }

        await output.SendAsync(1);
    }

    [Fact]
    public void Blocked_receivers_of_an_unbuffered_channel_are_served_in_order()
    {
        const int n = 100;
        var mismatches = new List<int>();
        Deadline.Run(() => Go.Run(async () =>
        {
            var ch = new Chan<int>();
            var start = new Chan<int>();
            Chan<int> input = start;
            for (int i = 0; i < n; i++)
            {
                var output = new Chan<int>();
                Chan<int> myInput = input;
                int expected = i;
                go(() => Chain(ch, expected, myInput, output, mismatches));
                input = output;
            }

            await start.SendAsync(0);
            for (int i = 0; i < n; i++)
            {
                await ch.SendAsync(i);
            }

            await input.ReceiveAsync();
        }));

        Assert.Equal(n, mismatches.Count);
        Assert.All(mismatches, d => Assert.Equal(0, d));
    }

    // ---- nonblock ----

    private static void NonBlocking<T>(int buffer, T sent, T echoed)
    {
        var c = new Chan<T>(buffer);
        var sync = new Chan<bool>();
        Assert.False(c.TryReceive(out T _));

        // A receiver is waiting (or there is buffer room): a non-blocking send gets through.
        Go.go(() =>
        {
            Assert.Equal(sent, c.Receive());
            sync.Send(true);
        });
        Assert.True(Deadline.WaitUntil(() => c.TrySend(sent)));
        sync.Receive();

        // A sender is waiting (or has buffered): a non-blocking receive gets its value.
        Go.go(() =>
        {
            c.Send(echoed);
            sync.Send(true);
        });
        T received = default!;
        Assert.True(Deadline.WaitUntil(() => c.TryReceive(out received)));
        Assert.Equal(echoed, received);
        sync.Receive();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Non_blocking_operations_succeed_exactly_when_a_partner_is_ready(int buffer)
    {
        Deadline.Run(() =>
        {
            NonBlocking(buffer, 123, 234);
            NonBlocking(buffer, 123456L, 234567L);
            NonBlocking(buffer, true, true);
            NonBlocking(buffer, "hello", "hello again");
        });
    }

    // ---- doubleselect: exactly one case commits ----

    private static async GoTask Mux(Chan<int> output, Chan<int> input, StrongBox<int> open)
    {
        while (true)
        {
            var (v, ok) = await input.ReceiveWithOkAsync();
            if (!ok)
            {
                if (Interlocked.Decrement(ref open.Value) == 0)
                {
                    output.Close();
                }

                return;
            }

            await output.SendAsync(v);
        }
    }

    [Fact]
    public void Doubleselect_never_commits_two_cases_of_one_select()
    {
        using var _ = MaxProcs.Set(2);
        const int n = 100_000;
        var seen = new bool[n];
        int duplicates = 0, received = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int> c1 = new(), c2 = new(), c3 = new(), c4 = new(), cmux = new();
            go(async () =>
            {
                for (int i = 0; i < n; i++)
                {
                    await SelectAsync(c1.OnSend(i), c2.OnSend(i), c3.OnSend(i), c4.OnSend(i));
                }

                c1.Close();
                c2.Close();
                c3.Close();
                c4.Close();
            });
            var open = new StrongBox<int>(4);
            foreach (Chan<int> c in new[] { c1, c2, c3, c4 })
            {
                go(() => Mux(cmux, c, open));
            }

            await foreach (int v in cmux)
            {
                received++;
                if (seen[v])
                {
                    duplicates++;
                }

                seen[v] = true;
            }
        }));

        Assert.Equal(0, duplicates);
        Assert.Equal(n, received);
    }

    [Fact]
    public void Doubleselect_with_plain_threads()
    {
        const int n = 20_000;
        var seen = new int[n];
        Chan<int> c1 = new(), c2 = new(), cmux = new(16);
        var sender = new Thread(() =>
        {
            for (int i = 0; i < n; i++)
            {
                Select(c1.OnSend(i), c2.OnSend(i));
            }

            c1.Close();
            c2.Close();
        });
        int open = 2;
        Thread Forward(Chan<int> c) => new(() =>
        {
            foreach (int v in c)
            {
                cmux.Send(v);
            }

            if (Interlocked.Decrement(ref open) == 0)
            {
                cmux.Close();
            }
        });

        Deadline.Run(() =>
        {
            sender.Start();
            Forward(c1).Start();
            Forward(c2).Start();
            foreach (int v in cmux)
            {
                seen[v]++;
            }
        });

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    // ---- select6: a failed select case must not corrupt the channel's queue ----

    [Fact]
    public void Select6_waiters_of_failed_cases_leave_the_queue_intact()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<bool> c1 = new(), c2 = new(), c3 = new();
            go(async () => await c1.ReceiveAsync());
            go(async () =>
            {
                var s = await SelectAsync(c1.OnReceive(), c2.OnReceive());
                Assert.Equal(1, s.Index);
                await c3.SendAsync(true);
                await c1.ReceiveAsync();
            });
            go(async () => await c2.SendAsync(true));
            await c3.ReceiveAsync();
            await c1.SendAsync(true);
            await c1.SendAsync(true);
        }));
    }

    // ---- select7: select when discarding a value, in every send/receive combination ----

    private static async GoTask Recv1(Chan<int> c) => await c.ReceiveAsync();

    private static async GoTask Recv2(Chan<int> c) => await SelectAsync(c.OnReceive());

    private static async GoTask Recv3(Chan<int> c) => await SelectAsync(c.OnReceive(), new Chan<int>().OnReceive());

    private static async GoTask Send(int how, Func<Chan<int>, GoTask> receiver)
    {
        var c = new Chan<int>();
        go(() => receiver(c));
        await GoschedAsync();
        switch (how)
        {
            case 1:
                await c.SendAsync(1);
                break;
            case 2:
                await SelectAsync(c.OnSend(1));
                break;
            default:
                await SelectAsync(c.OnSend(1), new Chan<int>().OnSend(1));
                break;
        }
    }

    [Fact]
    public void Select7_every_combination_of_plain_and_select_send_and_receive_completes()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            Func<Chan<int>, GoTask>[] receivers = { Recv1, Recv2, Recv3 };
            foreach (var receiver in receivers)
            {
                for (int how = 1; how <= 3; how++)
                {
                    await Send(how, receiver);
                }
            }
        }));
    }
}
