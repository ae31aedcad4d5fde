using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Channels;

/// <summary>
/// Go's test/chan/select3.go: what blocks, what never blocks and what panics, for nil, closed,
/// ready and non-ready channels, in plain operations and in select. Each row runs in both forms:
/// parked in a goroutine (awaitable form) and blocking a plain thread (blocking form).
/// </summary>
public class Select3Tests
{
    private static readonly Chan<int>? NilChan = null;

    private static Chan<int> ClosedChan()
    {
        var c = new Chan<int>();
        c.Close();
        return c;
    }

    // ---- blocks forever ----

    [Fact]
    public void Sending_to_a_nil_channel_blocks()
    {
        Parked.InGoroutine(async () => await default(SendOnlyChan<int>).SendAsync(7));
        Parked.OnThread(() => default(SendOnlyChan<int>).Send(7));
    }

    [Fact]
    public void Receiving_from_a_nil_channel_blocks()
    {
        Parked.InGoroutine(async () => await default(ReceiveOnlyChan<int>).ReceiveAsync());
        Parked.OnThread(() => default(ReceiveOnlyChan<int>).Receive());
    }

    [Fact]
    public void Receiving_from_a_channel_nobody_sends_on_blocks()
    {
        var c = new Chan<int>();
        Parked.InGoroutine(async () => await c.ReceiveAsync());
        Parked.OnThread(() => c.Receive());
        c.Close(); // release both
    }

    [Fact]
    public void An_empty_select_blocks()
    {
        Parked.InGoroutine(async () => await SelectAsync());
        Parked.OnThread(() => Select());
    }

    [Fact]
    public void A_select_on_nil_channels_only_blocks()
    {
        Parked.InGoroutine(async () => await SelectAsync(NilChan.OnReceive()));
        Parked.InGoroutine(async () => await SelectAsync(NilChan.OnSend(7)));
        Parked.InGoroutine(async () => await SelectAsync(NilChan.OnReceive(), NilChan.OnSend(7)));
        Parked.OnThread(() => Select(NilChan.OnReceive()));
        Parked.OnThread(() => Select(NilChan.OnReceive(), NilChan.OnSend(7)));
    }

    [Fact]
    public void A_select_on_a_channel_nobody_is_ready_on_blocks()
    {
        var c = new Chan<int>();
        Parked.InGoroutine(async () => await SelectAsync(c.OnReceive()));
        Parked.OnThread(() => Select(c.OnReceive()));
        c.Close();
    }

    [Fact]
    public void A_select_does_not_match_its_own_send_with_its_own_receive()
    {
        // Separate channels: two different selects on one channel would rightly pair up.
        var c = new Chan<int>();
        var d = new Chan<int>();
        Runtime.G g = Parked.InGoroutine(async () => await SelectAsync(c.OnSend(1), c.OnReceive()));
        Parked.OnThread(() => Select(d.OnReceive(), d.OnSend(1)));
        Assert.Equal(Runtime.WaitReason.Select, g.waitreason);
        c.Close();
        d.Close();
    }

    // ---- never blocks ----

    [Fact]
    public void Nil_channel_cases_are_never_chosen_and_default_is()
    {
        Deadline.Run(() =>
        {
            Assert.Equal(1, Select(NilChan.OnSend(7), Default));
            Assert.Equal(1, Select(NilChan.OnReceive(), Default));
            Assert.Equal(0, Select(Default));
            Assert.Equal(1, Go.Run(async () => (await SelectAsync(NilChan.OnReceive(), Default)).Index));
        });
    }

    [Fact]
    public void Sending_to_a_buffered_channel_with_room_does_not_block()
    {
        Deadline.Run(() =>
        {
            new Chan<int>(1).Send(7);
            Go.Run(async () => await new Chan<int>(1).SendAsync(7));
        });
    }

    [Fact]
    public void Receiving_from_a_closed_channel_gives_zero_and_not_ok_at_once()
    {
        Chan<int> closed = ClosedChan();
        Deadline.Run(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(0, closed.Receive());
                Assert.Equal(new Received<int>(0, false), closed.ReceiveWithOk());
            }

            Go.Run(async () =>
            {
                Assert.Equal(0, await closed.ReceiveAsync());
                var (value, ok) = await closed.ReceiveWithOkAsync();
                Assert.Equal(0, value);
                Assert.False(ok);
            });
        });
    }

    [Fact]
    public void A_select_with_a_ready_case_does_not_block()
    {
        Deadline.Run(() =>
        {
            var c = new Chan<int>(1);
            Assert.Equal(0, Select(c.OnSend(7), Default));
            Assert.Equal(0, Select(c.OnReceive(out var r), Default));
            Assert.Equal(7, r.Value);
            Assert.True(r.Ok);

            Go.Run(async () =>
            {
                Assert.Equal(0, (await SelectAsync(c.OnSend(8), Default)).Index);
                var s = await SelectAsync(c.OnReceive(), Default);
                Assert.Equal(0, s.Index);
                Assert.Equal(8, s.Case0.Value);
            });
        });
    }

    [Fact]
    public void A_select_on_a_closed_channel_receives_zero_and_not_ok()
    {
        Chan<int> closed = ClosedChan();
        Deadline.Run(() =>
        {
            Assert.Equal(0, Select(closed.OnReceive(out var r)));
            Assert.False(r.Ok);
            Go.Run(async () => Assert.False((await SelectAsync(closed.OnReceive())).Case0.Ok));
        });
    }

    // ---- panics ----

    [Fact]
    public void Sending_to_a_closed_channel_throws_in_every_form()
    {
        Chan<int> closed = ClosedChan();
        Assert.Equal("send on closed channel", Assert.Throws<InvalidOperationException>(() => closed.Send(7)).Message);
        Assert.Throws<InvalidOperationException>(() => closed.TrySend(7));
        Assert.Throws<InvalidOperationException>(() => Select(closed.OnSend(7)));
        Assert.Throws<InvalidOperationException>(() => Select(closed.OnSend(7), Default));
        Assert.Throws<InvalidOperationException>(() => Go.Run(async () => await closed.SendAsync(7)));
        Assert.Throws<InvalidOperationException>(() => Go.Run(async () => await SelectAsync(closed.OnSend(7))));
    }

    [Fact]
    public void Closing_twice_throws_and_closing_nil_throws()
    {
        Chan<int> closed = ClosedChan();
        Assert.Equal("close of closed channel", Assert.Throws<InvalidOperationException>(closed.Close).Message);
        Assert.Throws<InvalidOperationException>(() => default(SendOnlyChan<int>).Close());
    }

    [Fact]
    public void Two_defaults_in_one_select_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Select(Default, Default));
    }
}
