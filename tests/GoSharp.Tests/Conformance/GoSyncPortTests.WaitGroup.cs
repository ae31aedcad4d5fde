using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

public partial class GoSyncPortTests
{
    private static void TestWaitGroupOnce(WaitGroup wg1, WaitGroup wg2)
    {
        const int n = 16;
        wg1.Add(n);
        wg2.Add(n);
        var exited = new Chan<bool>(n);
        for (int i = 0; i != n; i++)
        {
            go(async () =>
            {
                wg1.Done();
                await wg2.WaitAsync();
                await exited.SendAsync(true);
            });
        }

        wg1.Wait();
        for (int i = 0; i != n; i++)
        {
            Assert.False(Ready(exited), "WaitGroup released group too soon");
            wg2.Done();
        }

        for (int i = 0; i != n; i++)
        {
            exited.Receive(); // would hang if the barrier failed to release someone
        }
    }

    /// <summary>TestWaitGroup: two groups as barriers, eight times over (the groups are reused).</summary>
    [Fact]
    public void TestWaitGroup()
    {
        Deadline.Run(() =>
        {
            var wg1 = new WaitGroup();
            var wg2 = new WaitGroup();
            for (int i = 0; i != 8; i++)
            {
                TestWaitGroupOnce(wg1, wg2);
            }
        });
    }

    /// <summary>TestWaitGroupMisuse: Done once too often is Go's panic message.</summary>
    [Fact]
    public void TestWaitGroupMisuse()
    {
        var wg = new WaitGroup();
        wg.Add(1);
        wg.Done();
        var e = Assert.Throws<InvalidOperationException>(wg.Done);
        Assert.Equal("sync: negative WaitGroup counter", e.Message);
    }

    /// <summary>TestWaitGroupRace: Wait returns only after both goroutines have done their work.</summary>
    [Fact]
    public void TestWaitGroupRace()
    {
        using var _ = MaxProcs.Set(2);
        int spurious = 0;
        Deadline.Run(() => Go.Run(async () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                var wg = new WaitGroup();
                int n = 0;
                wg.Add(1);
                go(() =>
                {
                    Interlocked.Increment(ref n);
                    wg.Done();
                });
                wg.Add(1);
                go(() =>
                {
                    Interlocked.Increment(ref n);
                    wg.Done();
                });
                await wg.WaitAsync();
                if (Volatile.Read(ref n) != 2)
                {
                    spurious++;
                }
            }
        }));

        Assert.Equal(0, spurious);
    }
}
