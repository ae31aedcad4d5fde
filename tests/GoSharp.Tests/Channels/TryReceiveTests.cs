using GoSharp.Runtime;
using GoSharp.Tests.Support;

namespace GoSharp.Tests.Channels;

/// <summary>
/// The non-blocking receives as users write them (<c>out var</c>, <c>out _</c>, <c>out int</c>).
/// Go's equivalents are a select with a default case:
/// <c>select { case v := &lt;-ch: ...; default: }</c> is <c>TryReceive</c>, and
/// <c>select { case v, ok := &lt;-ch: ...; default: }</c> is <c>TryReceiveWithOk</c>.
/// </summary>
public class TryReceiveTests
{
    [Fact]
    public void TryReceive_takes_a_buffered_value_and_is_false_on_an_empty_channel()
    {
        var ch = new Chan<int>(2);
        ch.Send(7);
        ch.Send(8);

        Assert.True(ch.TryReceive(out var v));
        Assert.Equal(7, v);
        Assert.True(ch.TryReceive(out _));
        Assert.False(ch.TryReceive(out int none));
        Assert.Equal(0, none);
        Assert.Equal(0, ch.Len);
    }

    [Fact]
    public void TryReceive_takes_the_value_of_a_parked_sender_on_an_unbuffered_channel()
    {
        var ch = new Chan<string>();
        Assert.False(ch.TryReceive(out var nothing)); // nobody is sending
        Assert.Null(nothing);

        G sender = Parked.InGoroutine(async () => await ch.SendAsync("hello"));
        Assert.True(ch.TryReceive(out var greeting));
        Assert.Equal("hello", greeting);
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref sender.status) != GStatus.Waiting));
    }

    [Fact]
    public void TryReceiveWithOk_reports_whether_the_value_was_sent()
    {
        var ch = new Chan<int>(1);
        Assert.False(ch.TryReceiveWithOk(out var empty)); // open and empty: nothing completed
        Assert.False(empty.Ok);

        ch.Send(42);
        Assert.True(ch.TryReceiveWithOk(out var r));
        var (value, ok) = r;
        Assert.Equal(42, value);
        Assert.True(ok);
    }

    [Fact]
    public void A_closed_channel_yields_its_buffered_values_then_only_TryReceiveWithOk_completes()
    {
        var ch = new Chan<int>(1);
        ch.Send(3);
        ch.Close();

        Assert.True(ch.TryReceive(out var last)); // buffered values outlive Close, as in Go
        Assert.Equal(3, last);

        // Closed and drained: no sent value (TryReceive is false), but the receive completes
        // with the zero value and Ok == false, as Go's `v, ok := <-ch` does at once.
        Assert.False(ch.TryReceive(out var v));
        Assert.Equal(0, v);
        Assert.True(ch.TryReceiveWithOk(out var r));
        Assert.Equal(new Received<int>(0, false), r);
        Assert.True(ch.TryReceiveWithOk(out _)); // and keeps completing
    }

    [Fact]
    public void Receive_only_views_behave_like_their_channel()
    {
        var ch = new Chan<int>(2);
        ReceiveOnlyChan<int> view = ch;
        ch.Send(1);

        Assert.True(view.TryReceive(out var one));
        Assert.Equal(1, one);
        Assert.False(view.TryReceive(out int _));
        Assert.False(view.TryReceiveWithOk(out var pending));
        Assert.False(pending.Ok);

        ch.Close();
        Assert.False(view.TryReceive(out _));
        Assert.True(view.TryReceiveWithOk(out var closed));
        Assert.False(closed.Ok);
    }

    [Fact]
    public void The_nil_channel_never_completes_a_receive()
    {
        Chan<int>? none = null;
        ReceiveOnlyChan<int> nil = none; // Go's `var c <-chan int`

        Assert.True(nil.IsNil);
        Assert.False(nil.TryReceive(out var v));
        Assert.Equal(0, v);
        Assert.False(nil.TryReceive(out _));
        Assert.False(nil.TryReceiveWithOk(out var r));
        Assert.Equal(default, r);
        Assert.False(default(ReceiveOnlyChan<string>).TryReceive(out string? s));
        Assert.Null(s);
    }
}
