using GoSharp;

namespace Samples;

public static partial class Channels
{
    [Goroutine]
    public static int Relay(Chan<int> input, Chan<int> output, SendOnlyChan<string> log, ReceiveOnlyChan<int> extra)
    {
        int first = input.Receive();
        output.Send(first + input.Receive());
        var (value, ok) = input.ReceiveWithOk();
        log.Send(value.ToString() + ok);
        string text = input.Receive().ToString();
        int total = extra.Receive() + (ok ? input.ReceiveWithOk().Value : 0);
        output.Send(text.Length);
        return total;
    }
}
