using GoSharp.Tests.Support;

namespace GoSharp.Tests.Sync;

public class ErrGroupTests
{
    private sealed class Running
    {
        private int _now;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public void Enter()
        {
            int now = Interlocked.Increment(ref _now);
            int max;
            while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref _now);
    }

    [Fact]
    public void The_limit_is_never_exceeded_with_parking_goroutines()
    {
        using var _ = MaxProcs.Set(2);
        var running = new Running();
        int finished = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            var g = new ErrGroup();
            g.SetLimit(3);
            for (int i = 0; i < 50; i++)
            {
                await g.GoAsync(async () =>
                {
                    running.Enter();
                    await Go.SleepAsync(TimeSpan.FromMilliseconds(1));
                    await Go.GoschedAsync();
                    running.Exit();
                    Interlocked.Increment(ref finished);
                });
            }

            Assert.Null(await g.WaitAsync());
        }));

        Assert.Equal(50, finished);
        Assert.InRange(running.Max, 1, 3);
    }

    [Fact]
    public void The_limit_is_never_exceeded_when_a_plain_thread_starts_blocking_functions()
    {
        using var _ = MaxProcs.Set(2);
        var running = new Running();
        int finished = 0;
        Deadline.Run(() =>
        {
            var g = new ErrGroup();
            g.SetLimit(3);
            for (int i = 0; i < 50; i++)
            {
                g.Go(() =>
                {
                    running.Enter();
                    Thread.Sleep(1); // a delegate goroutine blocking its thread
                    running.Exit();
                    Interlocked.Increment(ref finished);
                });
            }

            Assert.Null(g.Wait());
        });

        Assert.Equal(50, finished);
        Assert.InRange(running.Max, 1, 3);
    }

    [Fact]
    public void Wait_returns_the_first_error_and_the_context_is_cancelled_by_it()
    {
        using var _ = MaxProcs.Set(2);
        var first = new InvalidOperationException("first");
        Deadline.Run(() => Go.Run(async () =>
        {
            var (g, ctx) = ErrGroup.WithContext(GoSharp.Context.Background);
            var started = new WaitGroup();
            for (int i = 0; i < 10; i++)
            {
                started.Add(1);
                g.Go(async () =>
                {
                    started.Done();
                    await ctx.Done().ReceiveAsync(); // only the first failure can end this
                    throw new InvalidOperationException("later");
                });
            }

            // A blocking function waits too, on its thread.
            started.Add(1);
            g.Go(() =>
            {
                started.Done();
                ctx.Done().Receive();
                throw new ArgumentException("later, blocking");
            });

            await started.WaitAsync();
            Assert.Null(ctx.Err());
            g.Go(async () =>
            {
                await Go.GoschedAsync();
                throw first;
            });

            Exception? err = await g.WaitAsync();
            Assert.Same(first, err);
            Assert.Same(GoSharp.Context.Canceled, ctx.Err());
            Assert.Same(first, ctx.Cause());
        }));
    }

    [Fact]
    public void A_blocking_Wait_on_a_plain_thread_returns_the_first_error()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var (g, ctx) = ErrGroup.WithContext(GoSharp.Context.Background);
            var first = new InvalidOperationException("first");
            g.Go(async () =>
            {
                await ctx.Done().ReceiveAsync(); // ends only after the first failure is recorded
                throw new InvalidOperationException("second");
            });
            g.Go(() => { });
            g.Go(() => throw first);
            Assert.Same(first, g.Wait());
        });
    }

    [Fact]
    public void The_context_is_cancelled_when_Wait_returns_even_without_errors()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var (g, ctx) = ErrGroup.WithContext(GoSharp.Context.Background);
            int ran = 0;
            for (int i = 0; i < 5; i++)
            {
                g.Go(() => Interlocked.Increment(ref ran));
            }

            Assert.Null(ctx.Err());
            Assert.Null(g.Wait());
            Assert.Equal(5, ran);
            Assert.Same(GoSharp.Context.Canceled, ctx.Err());
            Assert.Same(GoSharp.Context.Canceled, ctx.Cause());

            // The parent is untouched; the group's context follows a cancelled parent.
            var (parent, cancelParent) = GoSharp.Context.WithCancel(GoSharp.Context.Background);
            var (g2, ctx2) = ErrGroup.WithContext(parent);
            cancelParent();
            Assert.Same(GoSharp.Context.Canceled, ctx2.Err());
            Assert.Null(g2.Wait());
        });

        Assert.Null(new ErrGroup().Wait()); // nothing started: returns at once
    }

    [Fact]
    public void TryGo_returns_false_at_the_limit()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var g = new ErrGroup();
            g.SetLimit(2);
            var release = new Chan<Unit>();
            int ran = 0;
            Assert.True(g.TryGo(() => { release.Receive(); Interlocked.Increment(ref ran); }));
            Assert.True(g.TryGo(async () => { await release.ReceiveAsync(); Interlocked.Increment(ref ran); }));
            Assert.False(g.TryGo(() => Interlocked.Add(ref ran, 100)));
            Assert.False(g.TryGo(async () => { await Go.GoschedAsync(); Interlocked.Add(ref ran, 100); }));

            release.Send(default); // one finishes: a slot frees up
            Assert.True(Deadline.WaitUntil(() => g.TryGo(() => Interlocked.Increment(ref ran))));
            release.Close();
            Assert.Null(g.Wait());
            Assert.Equal(3, ran);

            g.SetLimit(0);
            Assert.False(g.TryGo(() => { }));
            g.SetLimit(-1);
            Assert.True(g.TryGo(() => { }));
            Assert.Null(g.Wait());
        });
    }

    [Fact]
    public void SetLimit_while_goroutines_are_active_throws()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() =>
        {
            var g = new ErrGroup();
            g.SetLimit(2);
            var release = new Chan<Unit>();
            g.Go(() => release.Receive());
            var e = Assert.Throws<InvalidOperationException>(() => g.SetLimit(5));
            Assert.Equal("errgroup: modify limit while 1 goroutines in the group are still active", e.Message);
            release.Close();
            Assert.Null(g.Wait());
            g.SetLimit(5); // fine once they are done
        });
    }

    [Fact]
    public void Go_blocks_at_the_limit_until_a_slot_frees_in_both_forms()
    {
        using var _ = MaxProcs.Set(2);
        var g = new ErrGroup();
        g.SetLimit(1);
        var release = new Chan<Unit>();
        Assert.True(g.TryGo(() => release.Receive()));

        int started = 0;
        Parked.InGoroutine(async () => await g.GoAsync(() => Interlocked.Increment(ref started)));
        Thread thread = Parked.OnThread(() => g.Go(() => Interlocked.Increment(ref started)));
        Assert.Equal(0, Volatile.Read(ref started));

        release.Close();
        Assert.True(thread.Join(Deadline.Scenario));
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref started) == 2));
        Deadline.Run(() => Assert.Null(g.Wait()));
    }
}
