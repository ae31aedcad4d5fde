namespace GoSharp.Tests.Scheduler;

public class MaxProcsTests
{
    [Fact]
    public void GOMAXPROCS_returns_the_previous_value_and_zero_only_queries()
    {
        int original = Go.GOMAXPROCS(0);
        try
        {
            Assert.True(original >= 1);
            Assert.Equal(original, Go.GOMAXPROCS(3));
            Assert.Equal(3, Go.GOMAXPROCS(0));
            Assert.Equal(3, Go.GOMAXPROCS(-1));
            Assert.Equal(3, Go.ReadSchedulerStats().MaxProcs);

            // Work still runs after shrinking to one P.
            Assert.Equal(3, Go.GOMAXPROCS(1));
            Assert.Equal(42, Go.Run(() => 42));
        }
        finally
        {
            Go.GOMAXPROCS(original);
        }
    }
}
