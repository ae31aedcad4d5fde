using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

public partial class GoSyncPortTests
{
    /// <summary>TestOnce: ten goroutines call Do; the action runs once and every caller sees it done.</summary>
    [Fact]
    public void TestOnce()
    {
        int o = 0;
        int sawOther = 0;
        Deadline.Run(() =>
        {
            var once = new Once();
            var c = new Chan<bool>();
            const int N = 10;
            for (int i = 0; i < N; i++)
            {
                go(async () =>
                {
                    await once.DoAsync(() => Interlocked.Increment(ref o));
                    if (Volatile.Read(ref o) != 1)
                    {
                        Interlocked.Increment(ref sawOther);
                    }

                    await c.SendAsync(true);
                });
            }

            for (int i = 0; i < N; i++)
            {
                c.Receive();
            }
        });

        Assert.Equal(1, o);
        Assert.Equal(0, sawOther);
    }

    /// <summary>TestOncePanic: the exception reaches the caller of Do, and the Once counts as done.</summary>
    [Fact]
    public void TestOncePanic()
    {
        var once = new Once();
        var e = Assert.Throws<InvalidOperationException>(() => once.Do(() => throw new InvalidOperationException("failed")));
        Assert.Equal("failed", e.Message);
        once.Do(() => Assert.Fail("Once.Do called twice"));

        var parked = new Once();
        string message = Deadline.RunFor(() => Go.Run(async () =>
        {
            try
            {
                await parked.DoAsync(async () =>
                {
                    await GoschedAsync();
                    throw new InvalidOperationException("failed after parking");
                });
                return "no exception";
            }
            catch (InvalidOperationException x)
            {
                return x.Message;
            }
        }));
        Assert.Equal("failed after parking", message);
        Assert.True(parked.IsDone);
        parked.Do(() => Assert.Fail("Once.Do called twice"));
    }
}
