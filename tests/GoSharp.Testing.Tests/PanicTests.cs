namespace GoSharp.Testing.Tests;

/// <summary>An exception that escapes a goroutine of a bubble fails the bubble, as a panic fails a Go test.</summary>
public partial class PanicTests
{
    private sealed class Boom(string message) : Exception(message);

    [Fact]
    public void The_roots_exception_is_rethrown_as_it_is()
    {
        var e = Assert.Throws<Boom>(() => SyncTest.Run(() =>
        {
            Sleep(TimeSpan.FromSeconds(1));
            throw new Boom("root");
        }));
        Assert.Equal("root", e.Message);
    }

    [Fact]
    public void A_goroutines_exception_fails_the_bubble_naming_the_goroutine()
    {
        var e = Assert.Throws<GoroutinePanicException>(() => SyncTest.Run(() =>
        {
            go(() => throw new Boom("child"));
            Sleep(TimeSpan.FromHours(1)); // the failure does not wait for this
        }));
        Assert.IsType<Boom>(e.InnerException);
        Assert.Contains("child", e.Message);
    }

    [Fact]
    public void A_panic_after_the_root_returned_still_fails_the_bubble()
    {
        var e = Assert.Throws<GoroutinePanicException>(() => SyncTest.Run(() =>
        {
            var rootDone = new Chan<bool>();
            go(() =>
            {
                rootDone.Receive();
                throw new Boom("late");
            });
            rootDone.Close(); // the goroutine runs once the root has returned
        }));
        Assert.Equal("late", e.InnerException!.Message);
    }

    [Fact]
    public void An_assertion_in_a_goroutine_fails_the_test_with_the_assertion()
    {
        var e = Assert.Throws<GoroutinePanicException>(() => SyncTest.Run(() =>
        {
            go(() => Assert.Equal(1, 2));
            SyncTest.Wait();
        }));
        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(e.InnerException);
    }
}
