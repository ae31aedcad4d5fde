using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go's src/runtime/chan_test.go, ported (TestSelectFairness and TestPseudoRandomSend are in
/// Channels/SelectTests.cs). Go's "sleep a millisecond, then check it has not happened" becomes
/// <see cref="Parked"/>: the goroutine is seen parked in the operation, which only a wake-up can undo.
/// The stack tests become their GoSharp counterpart: frames on the heap, deep chains, a GC meanwhile.
/// </summary>
public partial class GoRuntimeChanPortTests
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
}
