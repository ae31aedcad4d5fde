using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go's src/runtime/chan_test.go, ported (TestSelectFairness and TestPseudoRandomSend are in
/// Channels/SelectTests.cs). Go's "sleep a millisecond, then check it has not happened" becomes
/// <see cref="Parked"/>: the goroutine is seen parked in the operation, which only a wake-up can undo.
/// The stack tests become their GoSharp counterpart: frames on the heap, deep chains, a GC meanwhile.
/// </summary>
public class GoRuntimeChanPortTests
{
    /// <summary>TestChan, for a spread of Go's 0..199 capacities.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(199)]
    public void TestChan(int chanCap)
    {
        using var _ = MaxProcs.Set(4);
        Deadline.Run(() =>
        {
            {
                // Receive from an empty channel blocks; a non-blocking receive does not.
                var c = new Chan<int>(chanCap);
                Parked.InGoroutine(async () => await c.ReceiveAsync());
                Parked.InGoroutine(async () => await c.ReceiveWithOkAsync());
                Assert.Equal(1, Select(c.OnReceive(), Default));
                Assert.Equal(1, Select(c.OnReceive(out var never), Default));
                Assert.False(never.Ok);
                Assert.False(c.TryReceive(out int _));
                c.Send(0);
                c.Send(0);
            }

            {
                // Send to a full channel blocks; a non-blocking send does not.
                var c = new Chan<int>(chanCap);
                for (int i = 0; i < chanCap; i++)
                {
                    c.Send(i);
                }

                Parked.InGoroutine(async () => await c.SendAsync(0));
                Assert.Equal(1, Select(c.OnSend(0), Default));
                c.Receive();
            }

            {
                // A closed channel gives its buffered values, then zeros.
                var c = new Chan<int>(chanCap);
                for (int i = 0; i < chanCap; i++)
                {
                    c.Send(i);
                }

                c.Close();
                for (int i = 0; i < chanCap; i++)
                {
                    Assert.Equal(i, c.Receive());
                }

                Assert.Equal(0, c.Receive());
                Assert.Equal(new Received<int>(0, false), c.ReceiveWithOk());
            }

            {
                // Close unblocks a receive.
                var c = new Chan<int>(chanCap);
                var done = new Chan<bool>();
                Parked.InGoroutine(async () =>
                {
                    var (v, ok) = await c.ReceiveWithOkAsync();
                    await done.SendAsync(v == 0 && !ok);
                });
                c.Close();
                Assert.True(done.Receive());
            }

            {
                // 100 integers arrive in order, in both receive forms.
                var c = new Chan<int>(chanCap);
                go(async () =>
                {
                    for (int i = 0; i < 100; i++)
                    {
                        await c.SendAsync(i);
                    }
                });
                for (int i = 0; i < 100; i++)
                {
                    Assert.Equal(i, c.Receive());
                }

                go(async () =>
                {
                    for (int i = 0; i < 100; i++)
                    {
                        await c.SendAsync(i);
                    }
                });
                for (int i = 0; i < 100; i++)
                {
                    Assert.Equal(new Received<int>(i, true), c.ReceiveWithOk());
                }

                // 4 goroutines send 1000 integers each, 4 receive them: each value arrives 4 times.
                const int P = 4, L = 1000;
                for (int p = 0; p < P; p++)
                {
                    go(async () =>
                    {
                        for (int i = 0; i < L; i++)
                        {
                            await c.SendAsync(i);
                        }
                    });
                }

                var done = new Chan<Dictionary<int, int>>();
                for (int p = 0; p < P; p++)
                {
                    go(async () =>
                    {
                        var recv = new Dictionary<int, int>();
                        for (int i = 0; i < L; i++)
                        {
                            int v = await c.ReceiveAsync();
                            recv[v] = recv.GetValueOrDefault(v) + 1;
                        }

                        await done.SendAsync(recv);
                    });
                }

                var all = new Dictionary<int, int>();
                for (int p = 0; p < P; p++)
                {
                    foreach (var (k, v) in done.Receive())
                    {
                        all[k] = all.GetValueOrDefault(k) + v;
                    }
                }

                Assert.Equal(L, all.Count);
                Assert.All(all.Values, v => Assert.Equal(P, v));
            }

            {
                // len and cap.
                var c = new Chan<int>(chanCap);
                Assert.Equal((0, chanCap), (c.Len, c.Cap));
                for (int i = 0; i < chanCap; i++)
                {
                    c.Send(i);
                }

                Assert.Equal((chanCap, chanCap), (c.Len, c.Cap));
            }
        });
    }

    /// <summary>TestNonblockRecvRace: a value buffered before close is ready for a non-blocking receive.</summary>
    [Fact]
    public void TestNonblockRecvRace()
    {
        using var _ = MaxProcs.Set(2);
        int notReady = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                var c = new Chan<int>(1);
                c.Send(1);
                var finished = new Chan<Unit>();
                go(() =>
                {
                    if (Select(c.OnReceive(), Default) != 0)
                    {
                        Interlocked.Increment(ref notReady);
                    }

                    finished.Close();
                });
                c.Close();
                await c.ReceiveAsync();
                await finished.ReceiveAsync();
            }
        }));

        Assert.Equal(0, notReady);
    }

    /// <summary>
    /// TestNonblockSelectRace and TestNonblockSelectRace2: a select acts on the channels' state at
    /// one moment. From the goroutine's start one of c1, c2 is always ready, so default never fires.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TestNonblockSelectRace(bool closeC2)
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Go.Run(async () =>
        {
            var done = new Chan<bool>(1);
            for (int i = 0; i < 20_000; i++)
            {
                var c1 = new Chan<int>(1);
                var c2 = new Chan<int>(closeC2 ? 0 : 1);
                c1.Send(1);
                go(() => done.Send(Select(c1.OnReceive(), c2.OnReceive(), Default) != 2));
                if (closeC2)
                {
                    c2.Close();
                }
                else
                {
                    await c2.SendAsync(1);
                }

                Select(c1.OnReceive(), Default);
                Assert.True(await done.ReceiveAsync(), $"round {i}: no chan is ready");
            }
        }));
    }

    /// <summary>TestSelfSelect: selects sending and receiving on one channel from two goroutines; never a self receive.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void TestSelfSelect(int chanCap)
    {
        using var _ = MaxProcs.Set(2);
        int selfReceives = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var wg = new WaitGroup();
            var c = new Chan<int>(chanCap);
            for (int p = 0; p < 2; p++)
            {
                int me = p;
                wg.Go(async () =>
                {
                    for (int i = 0; i < 1000; i++)
                    {
                        bool received;
                        int v;
                        if (me == 0 || i % 2 == 0)
                        {
                            var r = await SelectAsync(c.OnSend(me), c.OnReceive());
                            (received, v) = (r.Index == 1, r.Case1.Value);
                        }
                        else
                        {
                            var r = await SelectAsync(c.OnReceive(), c.OnSend(me));
                            (received, v) = (r.Index == 0, r.Case0.Value);
                        }

                        if (received && chanCap == 0 && v == me)
                        {
                            Interlocked.Increment(ref selfReceives);
                        }
                    }
                });
            }

            await wg.WaitAsync();
        }));

        Assert.Equal(0, selfReceives);
    }

    /// <summary>TestSelectStress: plain and select senders and receivers on four channels, chaotically; nothing deadlocks or is lost.</summary>
    [Fact]
    public void TestSelectStress()
    {
        using var _ = MaxProcs.Set(4);
        const int N = 10_000;
        Deadline.Run(() => Go.Run(async () =>
        {
            Chan<int>[] c = [new(), new(), new(2), new(3)];
            var wg = new WaitGroup();
            for (int k = 0; k < 4; k++)
            {
                Chan<int> ck = c[k];
                wg.Go(async () =>
                {
                    for (int i = 0; i < N; i++)
                    {
                        await ck.SendAsync(0);
                    }
                });
                wg.Go(async () =>
                {
                    for (int i = 0; i < N; i++)
                    {
                        await ck.ReceiveAsync();
                    }
                });
            }

            wg.Go(async () =>
            {
                var n = new int[4];
                Chan<int>?[] c1 = [.. c];
                for (int i = 0; i < 4 * N; i++)
                {
                    int k = (await SelectAsync(c1[3].OnSend(0), c1[2].OnSend(0), c1[0].OnSend(0), c1[1].OnSend(0))).Index switch
                    {
                        0 => 3,
                        1 => 2,
                        2 => 0,
                        _ => 1,
                    };
                    if (++n[k] == N)
                    {
                        c1[k] = null;
                    }
                }
            });
            wg.Go(async () =>
            {
                var n = new int[4];
                Chan<int>?[] c1 = [.. c];
                for (int i = 0; i < 4 * N; i++)
                {
                    int k = (await SelectAsync(c1[0].OnReceive(), c1[1].OnReceive(), c1[2].OnReceive(), c1[3].OnReceive())).Index;
                    if (++n[k] == N)
                    {
                        c1[k] = null;
                    }
                }
            });
            await wg.WaitAsync();
        }));
    }

    /// <summary>TestChanSendInterface: reference-typed values through select sends, with and without a free slot.</summary>
    [Fact]
    public void TestChanSendInterface()
    {
        object m = new();
        var c = new Chan<object>(1);
        c.Send(m);
        Assert.Equal(1, Select(c.OnSend(m), Default));
        Assert.Equal(2, Select(c.OnSend(m), c.OnSend(new object()), Default));
        Assert.Same(m, c.Receive());
    }

    /// <summary>TestMultiConsumer: 23 workers ranging over a queue, some yielding, all results counted once.</summary>
    [Fact]
    public void TestMultiConsumer()
    {
        using var _ = MaxProcs.Set(2);
        const int nwork = 23, niter = 271828;
        int[] pn = [2, 3, 7, 11, 13, 17, 19, 23, 27, 31];
        var (n, s, expect) = Deadline.RunFor(() => Go.Run(async () =>
        {
            var q = new Chan<int>(nwork * 3);
            var r = new Chan<int>(nwork * 3);
            var wg = new WaitGroup();
            for (int i = 0; i < nwork; i++)
            {
                int w = i;
                wg.Add(1);
                go(async () =>
                {
                    await foreach (int v in q)
                    {
                        if (pn[w % pn.Length] == v)
                        {
                            await GoschedAsync(); // mess with the fifo-ish nature of range
                        }

                        await r.SendAsync(v);
                    }

                    wg.Done();
                });
            }

            long expected = 0;
            go(async () =>
            {
                for (int i = 0; i < niter; i++)
                {
                    int v = pn[i % pn.Length];
                    expected += v;
                    await q.SendAsync(v);
                }

                q.Close();           // no more work
                await wg.WaitAsync(); // workers done
                r.Close();           // so there can be no more results
            });

            int count = 0;
            long sum = 0;
            await foreach (int v in r)
            {
                count++;
                sum += v;
            }

            return (count, sum, expected);
        }));

        Assert.Equal(niter, n);
        Assert.Equal(expect, s);
    }

    private static async GoTask<int> DeepThenPark(int depth)
    {
        if (depth == 0)
        {
            await GoschedAsync(); // park at the bottom of the chain
            return 0;
        }

        return 1 + await DeepThenPark(depth - 1);
    }

    /// <summary>
    /// TestShrinkStackDuringBlockedSend's counterpart: a sender that between sends builds a chain
    /// of 2,000 frames and parks at its bottom, with garbage collections meanwhile; every value
    /// arrives intact and in order.
    /// </summary>
    [Fact]
    public void TestShrinkStackDuringBlockedSend_with_deep_frame_chains_and_collections()
    {
        const int n = 10;
        Deadline.Run(() =>
        {
            var c = new Chan<int>();
            var done = new Chan<int>();
            go(async () =>
            {
                int depth = 0;
                for (int i = 0; i < n; i++)
                {
                    await c.SendAsync(i);
                    depth = await DeepThenPark(2000);
                }

                await done.SendAsync(depth);
            });

            for (int i = 0; i < n; i++)
            {
                Assert.Equal(i, c.Receive());
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.Equal(2000, done.Receive());
        });
    }

    /// <summary>
    /// TestSelectDuplicateChannel: a select with two cases on one channel, woken through a third,
    /// must leave the channel's wait queue intact for the goroutine queued behind it.
    /// </summary>
    [Fact]
    public void TestSelectDuplicateChannel()
    {
        Deadline.Run(() =>
        {
            var c = new Chan<int>();
            var d = new Chan<int>();
            var e = new Chan<int>();
            var b = new Chan<int>(1);

            // A is queued on c (twice) and on d...
            Parked.InGoroutine(async () =>
            {
                await SelectAsync(c.OnReceive(), c.OnReceive(), d.OnReceive());
                await e.SendAsync(9);
            });

            // ...and B on c, behind A.
            Parked.InGoroutine(async () => await b.SendAsync(await c.ReceiveAsync()));

            d.Send(7);                 // wakes A, which dequeues itself from c
            Assert.Equal(9, e.Receive());
            c.Send(8);                 // must reach B, not the departed A
            Assert.Equal(8, b.Receive());
        });
    }
}
