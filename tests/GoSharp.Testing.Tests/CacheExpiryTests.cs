namespace GoSharp.Testing.Tests;

/// <summary>
/// The cache-expiry example of docs/testing.md: ordinary code under test that takes a
/// TimeProvider and runs a janitor goroutine on a ticker, tested to the tick without sleeping.
/// </summary>
public partial class CacheExpiryTests
{
    /// <summary>A cache whose entries expire <c>ttl</c> after they are set; a janitor evicts them every <c>ttl</c>.</summary>
    private sealed partial class Cache : IDisposable
    {
        private readonly Dictionary<string, (string Value, DateTimeOffset Expires)> _items = [];
        private readonly Mutex _mu = new();
        private readonly TimeSpan _ttl;
        private readonly TimeProvider _time;
        private readonly Chan<bool> _quit = new();
        private readonly Chan<bool> _stopped = new();

        public Cache(TimeSpan ttl, TimeProvider time)
        {
            _ttl = ttl;
            _time = time;
            go(() => Janitor());
        }

        public int Count
        {
            get
            {
                _mu.Lock();
                using var _ = Defer(_mu.Unlock);
                return _items.Count;
            }
        }

        public void Set(string key, string value)
        {
            _mu.Lock();
            using var _ = Defer(_mu.Unlock);
            _items[key] = (value, _time.GetUtcNow() + _ttl);
        }

        public bool TryGet(string key, out string value)
        {
            _mu.Lock();
            using var _ = Defer(_mu.Unlock);
            if (_items.TryGetValue(key, out var item) && _time.GetUtcNow() < item.Expires)
            {
                value = item.Value;
                return true;
            }

            value = "";
            return false;
        }

        public void Dispose()
        {
            _quit.Close();
            _stopped.Receive();
        }

        [Goroutine]
        private void Janitor()
        {
            Ticker ticker = NewTicker(_ttl);
            using var _ = Defer(ticker.Stop);
            using var __ = Defer(_stopped.Close);
            while (true)
            {
                switch (Select(ticker.C.OnReceive(), _quit.OnReceive()))
                {
                    case 0:
                        Evict();
                        break;
                    default:
                        return;
                }
            }
        }

        private void Evict()
        {
            _mu.Lock();
            using var _ = Defer(_mu.Unlock);
            DateTimeOffset now = _time.GetUtcNow();
            foreach (var (key, item) in _items.ToList())
            {
                if (now >= item.Expires)
                {
                    _items.Remove(key);
                }
            }
        }
    }

    [Fact]
    public void An_entry_is_there_until_its_ttl_passes_and_the_janitor_evicts_it() =>
        SyncTest.Run(() =>
        {
            using var cache = new Cache(TimeSpan.FromMinutes(10), SyncTest.TimeProvider);
            cache.Set("k", "v");

            SyncTest.Sleep(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
            Assert.True(cache.TryGet("k", out var v));
            Assert.Equal("v", v);

            SyncTest.Sleep(TimeSpan.FromTicks(1)); // Sleep returns once the janitor has handled its tick at this same instant
            Assert.False(cache.TryGet("k", out _));
            Assert.Equal(0, cache.Count);
        });

    [Fact]
    public void An_entry_set_between_ticks_survives_the_next_tick_and_goes_at_the_one_after() =>
        SyncTest.Run(() =>
        {
            using var cache = new Cache(TimeSpan.FromMinutes(10), SyncTest.TimeProvider);
            SyncTest.Sleep(TimeSpan.FromMinutes(5));
            cache.Set("k", "v"); // expires at 15 min

            SyncTest.Sleep(TimeSpan.FromMinutes(5)); // 10 min: the janitor ran, the entry is not due
            Assert.Equal(1, cache.Count);
            SyncTest.Sleep(TimeSpan.FromMinutes(5)); // 15 min: expired, still stored until the next tick
            Assert.False(cache.TryGet("k", out _));
            Assert.Equal(1, cache.Count);
            SyncTest.Sleep(TimeSpan.FromMinutes(5)); // 20 min: evicted
            Assert.Equal(0, cache.Count);
        });

    [Fact]
    public void A_cache_left_undisposed_fails_the_bubble_naming_its_janitor()
    {
        var e = Assert.Throws<DeadlockException>(() => SyncTest.Run(() =>
        {
            var cache = new Cache(TimeSpan.FromMinutes(10), SyncTest.TimeProvider);
            cache.Set("k", "v");
        }));
        Assert.StartsWith("deadlock: main bubble goroutine has exited but blocked goroutines remain", e.Message);
        Assert.Contains("CacheExpiryTests.cs:", e.Message);
        Assert.Contains("[select", e.Message);
    }
}
