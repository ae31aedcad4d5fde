using GoSharp.Runtime;

namespace GoSharp.Tests.Time;

/// <summary>The per-P timer heap on its own, with timers that only record that they fired.</summary>
public class TimerHeapTests
{
    private sealed class Recording : RuntimeTimer
    {
        private readonly List<Recording> _log;

        public Recording(long when, List<Recording> log, long period = 0)
        {
            this.when = when;
            this.period = period;
            _log = log;
        }

        internal override void Fire(int seqAtExpiry) => _log.Add(this);
    }

    [Fact]
    public void Timers_fire_in_deadline_order_and_only_when_due()
    {
        var rand = new Random(7);
        var log = new List<Recording>();
        var heap = new TimerHeap();
        var timers = Enumerable.Range(0, 1000).Select(_ => new Recording(rand.Next(1, 10_000), log)).ToList();
        timers.ForEach(heap.Add);

        for (long now = 0; now <= 10_000; now += 250)
        {
            heap.RunExpired(now);
            Assert.All(log, t => Assert.True(t.when <= now));
        }

        Assert.Equal(timers.Count, log.Count);
        Assert.Equal(log.Select(t => t.when).OrderBy(w => w), log.Select(t => t.when));
        Assert.Equal(long.MaxValue, heap.Next);
    }

    [Fact]
    public void A_removed_timer_never_fires_and_the_rest_keep_their_order()
    {
        var log = new List<Recording>();
        var heap = new TimerHeap();
        var timers = Enumerable.Range(1, 100).Select(i => new Recording(i, log)).ToList();
        timers.ForEach(heap.Add);
        var removed = timers.Where(t => t.when % 3 == 0).ToList();
        Assert.All(removed, t => Assert.True(heap.Remove(t)));
        Assert.All(removed, t => Assert.False(heap.Remove(t)));

        heap.RunExpired(1000);
        Assert.Equal(timers.Except(removed), log);
    }

    [Fact]
    public void A_periodic_timer_is_rearmed_one_period_on_skipping_missed_ticks()
    {
        var log = new List<Recording>();
        var heap = new TimerHeap();
        var ticker = new Recording(10, log, period: 10);
        heap.Add(ticker);

        heap.RunExpired(10);
        Assert.Equal(20, ticker.when);
        heap.RunExpired(55); // late: ticks at 20, 30, 40 and 50 collapse into one
        Assert.Equal(2, log.Count);
        Assert.Equal(60, ticker.when);
        Assert.True(heap.Remove(ticker));
    }
}
