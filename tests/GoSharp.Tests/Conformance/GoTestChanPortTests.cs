using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// The programs of Go's test/chan not ported in Channels/GoChanPortTests.cs and
/// Channels/Select3Tests.cs: select, select2, select4, select8, sendstmt, zerosize and sieve2. Each test
/// names its program; a Go <c>panic</c> becomes a failed assertion.
/// </summary>
public class GoTestChanPortTests
{
    // ---- select.go: every case expression is evaluated once, in order, nil cases included ----

    private sealed class SelectGo
    {
        public uint Counter;
        public int Shift;

        public uint GetValue()
        {
            Counter++;
            return 1u << Shift;
        }

        public int Send(Chan<uint>? a, Chan<uint>? b)
        {
            int i = 0;
            while (true)
            {
                switch (Select(a.OnSend(GetValue()), b.OnSend(GetValue()), Default))
                {
                    case 0:
                        i++;
                        a = null;
                        break;
                    case 1:
                        i++;
                        b = null;
                        break;
                    default:
                        return i;
                }

                Shift++;
            }
        }
    }

    /// <summary>select.go: a send case's value is computed whether or not the case (or any) is chosen.</summary>
    [Fact]
    public void Select_evaluates_every_send_value_once_per_select()
    {
        var p = new SelectGo();
        var a = new Chan<uint>(1);
        var b = new Chan<uint>(1);
        Assert.Equal(2, p.Send(a, b));
        uint av = a.Receive(), bv = b.Receive();
        Assert.Equal(3u, av | bv);
        Assert.Equal(1, p.Send(a, null));
        Assert.Equal(10u, p.Counter);
    }

    /// <summary>select4.go: the receive that is not chosen writes nothing; the chosen one writes its value.</summary>
    [Fact]
    public void Select4_only_the_chosen_receive_case_assigns()
    {
        var c = new Chan<int>(1);
        var c1 = new Chan<int>();
        c.Send(42);
        switch (Select(c1.OnReceive(out var never), c.OnReceive(out var x)))
        {
            case 0:
                Assert.Fail($"received {never.Value} from a channel nobody sends on");
                break;
            default:
                Assert.Equal(42, x.Value);
                Assert.False(never.Ok); // untouched
                break;
        }
    }

    /// <summary>select8.go: break out of one-, two- and three-case selects, with and without default, in both forms.</summary>
    [Fact]
    public void Select8_break_in_selects_of_every_size()
    {
        Deadline.Run(() => Go.Run(async () =>
        {
            var ch = new Chan<int>();
            go(async () =>
            {
                while (true)
                {
                    await ch.SendAsync(5);
                }
            });

            Assert.Equal(0, (await SelectAsync(ch.OnReceive())).Index);
            Assert.Equal(0, Select(Default));

            // With a default the receive may miss the sender between two sends; it must get a
            // value once the sender waits, and the send case, with no receiver, is never chosen.
            while ((await SelectAsync(ch.OnReceive(), Default)).Index != 0)
            {
                await GoschedAsync();
            }

            int three;
            while ((three = (await SelectAsync(ch.OnReceive(), ch.OnSend(10), Default)).Index) != 0)
            {
                Assert.Equal(2, three);
                await GoschedAsync();
            }
        }));
    }

    private static async GoTask Sender(Chan<int> c, int n)
    {
        for (int i = 0; i < n; i++)
        {
            await c.SendAsync(1);
        }
    }

    private static async GoTask Receiver(Chan<int> c, Chan<int> dummy, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if ((await SelectAsync(c.OnReceive(), dummy.OnReceive())).Index == 1)
            {
                throw new InvalidOperationException("dummy");
            }
        }
    }

    /// <summary>
    /// select2.go: 100,000 selects that park, after a warm-up, leave the heap no bigger than
    /// Go's bound of 110,000 bytes (parked selects keep nothing behind).
    /// </summary>
    [Fact]
    public void Select2_selects_do_not_consume_undue_memory()
    {
        long growth = Deadline.RunFor(() => Go.Run(async () =>
        {
            var c = new Chan<int>();
            var dummy = new Chan<int>();

            go(() => Sender(c, 100_000)); // warm up
            await Receiver(c, dummy, 100_000);
            long alloc = GC.GetTotalMemory(forceFullCollection: true);

            go(() => Sender(c, 100_000)); // the second time should not grow the footprint by much
            await Receiver(c, dummy, 100_000);
            return GC.GetTotalMemory(forceFullCollection: true) - alloc;
        }));

        Assert.True(growth <= 110_000, $"too much memory for 100,000 selects: {growth} bytes");
    }

    /// <summary>sendstmt.go: a select may send on a channel received from a channel (<c>case &lt;-cc &lt;- 2</c>).</summary>
    [Fact]
    public void Sendstmt_send_on_a_channel_received_from_a_channel()
    {
        var cc = new Chan<Chan<int>>(1);
        var c = new Chan<int>(1);
        cc.Send(c);
        Assert.Equal(0, Select(cc.Receive().OnSend(2), Default));
        Assert.Equal(2, c.Receive());

        var b = new Chan<bool>(1);
        b.Send(false || true);
        Assert.True(b.Receive());
    }

    /// <summary>zerosize.go: channels of empty element types, buffered and not.</summary>
    [Fact]
    public void Zerosize_channels_of_empty_types_work()
    {
        var unbuffered = new Chan<Unit>();
        var buffered = new Chan<Unit>(1);
        var emptyArrays = new Chan<byte[]>(1);
        buffered.Send(default);
        emptyArrays.Send([]);
        Assert.Equal(1, buffered.Len);
        Assert.Equal(Unit.Value, buffered.Receive());
        Assert.Empty(emptyArrays.Receive());
        Assert.False(unbuffered.TrySend(default));
    }

    // ---- sieve2.go: Eratosthenes with a heap of channels and a self-growing send proxy ----

    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

    /// <summary>
    /// Go's program lets its goroutines leak at exit. Here every send and receive also watches a
    /// quit channel, and closing it unwinds each goroutine with this exception.
    /// </summary>
    private sealed class QuitException : Exception;

    private sealed class Sieve2(Chan<Unit> quit)
    {
        private async GoTask<int> Take(Chan<int> c)
        {
            var r = await SelectAsync(c.OnReceive(), quit.OnReceive());
            return r.Index == 0 ? r.Case0.Value : throw new QuitException();
        }

        private async GoTask Put(Chan<int> c, int v)
        {
            if ((await SelectAsync(c.OnSend(v), quit.OnReceive())).Index == 1)
            {
                throw new QuitException();
            }
        }

        private static void Spawn(Func<GoTask> body) => go(async () =>
        {
            try
            {
                await body();
            }
            catch (QuitException)
            {
            }
        });

        /// <summary>Odd numbers from 5.</summary>
        private Chan<int> Odds()
        {
            var output = new Chan<int>(50);
            Spawn(async () =>
            {
                for (int n = 5; ; n += 2)
                {
                    await Put(output, n);
                }
            });
            return output;
        }

        /// <summary>Odd multiples of <paramref name="p"/> from p*p.</summary>
        private Chan<int> Multiples(int p)
        {
            var output = new Chan<int>(10);
            Spawn(async () =>
            {
                for (int n = p * p; ; n += 2 * p)
                {
                    await Put(output, n);
                }
            });
            return output;
        }

        /// <summary>A channel whose sends never block: a goroutine queues for <paramref name="output"/> in a growing buffer.</summary>
        private Chan<int> SendProxy(Chan<int> output)
        {
            var proxy = new Chan<int>(10);
            Spawn(async () =>
            {
                var buffer = new Queue<int>();
                while (true)
                {
                    Chan<int>? c = buffer.Count == 0 ? null : output; // buffer empty: disable output
                    int e = buffer.Count == 0 ? 0 : buffer.Peek();
                    var chosen = await SelectAsync(proxy.OnReceive(), c.OnSend(e), quit.OnReceive());
                    switch (chosen.Index)
                    {
                        case 0:
                            buffer.Enqueue(chosen.Case0.Value);
                            break;
                        case 1:
                            buffer.Dequeue();
                            break;
                        default:
                            return;
                    }
                }
            });
            return proxy;
        }

        private sealed class PeekCh(int head, Chan<int> ch)
        {
            public int Head = head;
            public readonly Chan<int> Ch = ch;
        }

        public Chan<int> Primes()
        {
            var output = new Chan<int>(10);
            output.Send(2);
            output.Send(3);
            var composites = new Chan<int>(50); // all composites to eliminate, in increasing order
            var primes = new Chan<int>(10);     // the feedback loop
            primes.Send(3);

            // Merge the multiples of each prime into composites.
            Spawn(async () =>
            {
                var h = new PriorityQueue<PeekCh, int>();
                int min = 15;
                while (true)
                {
                    Chan<int> m = Multiples(await Take(primes));
                    int head = await Take(m);
                    while (min < head)
                    {
                        await Put(composites, min);
                        PeekCh minchan = h.Dequeue();
                        min = minchan.Head;
                        minchan.Head = await Take(minchan.Ch);
                        h.Enqueue(minchan, minchan.Head);
                    }

                    while (min == head)
                    {
                        PeekCh minchan = h.Dequeue();
                        min = minchan.Head;
                        minchan.Head = await Take(minchan.Ch);
                        h.Enqueue(minchan, minchan.Head);
                    }

                    await Put(composites, head);
                    var next = new PeekCh(await Take(m), m);
                    h.Enqueue(next, next.Head);
                }
            });

            // Sieve the composites out of the candidates. The merger receives primes far more
            // slowly than they are found: the proxy keeps this goroutine from blocking on them.
            Spawn(async () =>
            {
                Chan<int> proxied = SendProxy(primes);
                Chan<int> candidates = Odds();
                int p = await Take(candidates);
                while (true)
                {
                    int c = await Take(composites);
                    while (p < c)
                    {
                        await Put(proxied, p);
                        await Put(output, p);
                        p = await Take(candidates);
                    }

                    if (p == c)
                    {
                        p = await Take(candidates);
                    }
                }
            });

            return output;
        }
    }

    /// <summary>sieve2.go: the first 25 primes.</summary>
    [Fact]
    public void Sieve2_finds_the_primes_with_a_heap_of_channels()
    {
        using var _ = MaxProcs.Set(2);
        var found = Deadline.RunFor(() => Run(async () =>
        {
            var quit = new Chan<Unit>();
            Chan<int> primes = new Sieve2(quit).Primes();
            var result = new List<int>();
            for (int i = 0; i < Primes.Length; i++)
            {
                result.Add(await primes.ReceiveAsync());
            }

            quit.Close();
            return result;
        }));

        Assert.Equal(Primes, found);
    }
}
