using GoSharp;

namespace Samples;

public partial class Calls
{
    private int _base = 1;

    [Goroutine]
    public static int Depth(int n, Chan<int> bottom) => n == 0 ? bottom.Receive() : 1 + Depth(n - 1, bottom);

    [Goroutine]
    public int Instance(Chan<int> bottom) => _base + this.Generic<string>("x", bottom).Length + Depth(2, bottom);

    [Goroutine]
    private T Generic<T>(T value, Chan<int> bottom) where T : class
    {
        bottom.Send(1);
        return value;
    }

    [Goroutine]
    public static void Overload(int x) => Overload(x.ToString());

    [Goroutine]
    public static void Overload(string x, int count = 2, params int[] rest)
    {
        Console.WriteLine(x + count + rest.Length);
    }

    [Goroutine]
    public static void CallsExtension(Chan<int> ch) => ch.Drain(3);
}

public static partial class ChanExtensions
{
    [Goroutine]
    public static void Drain(this Chan<int> ch, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ch.Receive();
        }
    }
}
