using GoSharp.Tests.Support;

namespace GoSharp.Tests.Channels;

/// <summary>Channels against a simple sequential model, then under concurrency against invariants.</summary>
public class ChanModelTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 4)]
    [InlineData(4, 64)]
    public void Random_non_blocking_operations_match_a_queue_model(int seed, int capacity)
    {
        var rand = new Random(seed);
        for (int round = 0; round < 200; round++)
        {
            var chan = new Chan<int>(capacity);
            var model = new Queue<int>();
            bool closed = false;
            for (int step = 0; step < 100; step++)
            {
                switch (rand.Next(10))
                {
                    case < 4:
                    {
                        int v = rand.Next();
                        if (closed)
                        {
                            Assert.Throws<InvalidOperationException>(() => chan.TrySend(v));
                            break;
                        }

                        bool modelSent = model.Count < capacity;
                        Assert.Equal(modelSent, chan.TrySend(v));
                        if (modelSent)
                        {
                            model.Enqueue(v);
                        }

                        break;
                    }

                    case < 8:
                    {
                        bool done = chan.TryReceiveWithOk(out Received<int> r);
                        if (model.Count > 0)
                        {
                            Assert.True(done);
                            Assert.Equal(new Received<int>(model.Dequeue(), true), r);
                        }
                        else
                        {
                            Assert.Equal(closed, done);
                            Assert.False(r.Ok);
                        }

                        break;
                    }

                    case 8 when !closed && rand.Next(10) == 0:
                        chan.Close();
                        closed = true;
                        break;

                    default:
                        Assert.Equal(model.Count, chan.Len);
                        Assert.Equal(capacity, chan.Cap);
                        break;
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(128)]
    public void Concurrent_producers_and_consumers_deliver_everything_once_in_per_producer_order(int capacity)
    {
        using var _ = MaxProcs.Set(2);
        const int producers = 4, consumers = 4, perProducer = 25_000;
        var lastSeen = new int[consumers, producers];
        long sum = 0;
        int orderViolations = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var ch = new Chan<(int Producer, int Seq)>(capacity);
            var producersDone = new Chan<bool>();
            var consumersDone = new Chan<bool>();
            int producing = producers, consuming = consumers;
            for (int p = 0; p < producers; p++)
            {
                int producer = p;
                Go.go(async () =>
                {
                    for (int i = 1; i <= perProducer; i++)
                    {
                        await ch.SendAsync((producer, i));
                    }

                    if (Interlocked.Decrement(ref producing) == 0)
                    {
                        ch.Close();
                    }
                });
            }

            for (int c = 0; c < consumers; c++)
            {
                int consumer = c;
                Go.go(async () =>
                {
                    await foreach (var (producer, seq) in ch)
                    {
                        // Each consumer sees each producer's values in increasing order (FIFO).
                        if (seq <= lastSeen[consumer, producer])
                        {
                            Interlocked.Increment(ref orderViolations);
                        }

                        lastSeen[consumer, producer] = seq;
                        Interlocked.Add(ref sum, seq);
                    }

                    if (Interlocked.Decrement(ref consuming) == 0)
                    {
                        consumersDone.Close();
                    }
                });
            }

            await consumersDone.ReceiveWithOkAsync();
        }));

        Assert.Equal(0, orderViolations);
        Assert.Equal((long)producers * perProducer * (perProducer + 1) / 2, sum);
    }

    [Fact]
    public void Plain_threads_and_goroutines_share_channels()
    {
        const int n = 20_000;
        var toGoroutines = new Chan<int>(8);
        var back = new Chan<int>();
        long sum = 0;
        Deadline.Run(() =>
        {
            Task run = Go.RunAsync(async () =>
            {
                await foreach (int v in toGoroutines)
                {
                    await back.SendAsync(v * 2);
                }

                back.Close();
            });
            var producer = new Thread(() =>
            {
                for (int i = 0; i < n; i++)
                {
                    toGoroutines.Send(i);
                }

                toGoroutines.Close();
            });
            producer.Start();
            foreach (int v in back)
            {
                sum += v;
            }

            producer.Join();
            Assert.True(run.Wait(Deadline.Scenario));
        });

        Assert.Equal((long)n * (n - 1), sum);
    }

    [Fact]
    public void A_full_buffer_with_blocked_senders_keeps_fifo_order()
    {
        var ch = new Chan<int>(2);
        ch.Send(0);
        ch.Send(1);
        var senders = new List<Thread>();
        for (int i = 2; i < 6; i++)
        {
            int v = i;
            senders.Add(Parked.OnThread(() => ch.Send(v))); // each blocks before the next starts
        }

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(i, ch.Receive());
        }

        senders.ForEach(t => Assert.True(t.Join(Deadline.Scenario)));
    }

    [Fact]
    public void Close_wakes_every_blocked_receiver_and_sender()
    {
        var ch = new Chan<int>();
        var receivers = Enumerable.Range(0, 3).Select(_ => Parked.OnThread(() => Assert.False(ch.ReceiveWithOk().Ok))).ToList();
        var parked = Parked.InGoroutine(async () => Assert.Equal(0, await ch.ReceiveAsync()));
        ch.Close();
        receivers.ForEach(t => Assert.True(t.Join(Deadline.Scenario)));

        var full = new Chan<int>();
        Exception? thrown = null;
        var sender = Parked.OnThread(() => thrown = Record.Exception(() => full.Send(1)));
        full.Close();
        Assert.True(sender.Join(Deadline.Scenario));
        Assert.IsType<InvalidOperationException>(thrown);
    }

    [Fact]
    public void A_waiting_receiver_gets_the_value_directly_from_the_sender()
    {
        var ch = new Chan<string>(4);
        var receiver = Parked.OnThread(() => Assert.Equal("direct", ch.Receive()));
        ch.Send("direct");
        Assert.Equal(0, ch.Len); // handed over, never buffered
        Assert.True(receiver.Join(Deadline.Scenario));
    }

    [Fact]
    public void Views_convert_implicitly_and_restrict_the_operations()
    {
        var ch = new Chan<int>(3);
        SendOnlyChan<int> send = ch;
        ReceiveOnlyChan<int> receive = ch;
        send.Send(1);
        Assert.True(send.TrySend(2));
        Assert.Equal(2, receive.Len);
        Assert.Equal(3, send.Cap);
        Assert.Equal(1, receive.Receive());
        Assert.True(receive.TryReceive(out int two));
        Assert.Equal(2, two);
        send.Close();
        Assert.Empty(Enumerate(receive));
        Assert.True(default(ReceiveOnlyChan<int>).IsNil);
        Assert.False(default(SendOnlyChan<int>).TrySend(1));

        static List<int> Enumerate(ReceiveOnlyChan<int> c)
        {
            var all = new List<int>();
            foreach (int v in c)
            {
                all.Add(v);
            }

            return all;
        }
    }

    [Fact]
    public void Ranging_receives_every_value_then_stops_at_close()
    {
        var ch = new Chan<int>(10);
        for (int i = 0; i < 10; i++)
        {
            ch.Send(i);
        }

        ch.Close();
        var seen = new List<int>();
        foreach (int v in ch)
        {
            seen.Add(v);
        }

        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public void Negative_capacity_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chan<int>(-1));
    }
}
