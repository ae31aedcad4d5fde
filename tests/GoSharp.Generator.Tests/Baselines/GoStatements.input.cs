using GoSharp;
using static GoSharp.Go;

namespace Samples;

public static partial class Spawning
{
    [Goroutine]
    public static void Fetch(int id, Chan<string> results)
    {
        results.Send("row " + id);
    }

    [Goroutine]
    public static int Main(Chan<int> numbers)
    {
        var results = new Chan<string>(10);
        for (int i = 0; i < 10; i++)
        {
            go(() => Fetch(i, results));
        }

        go(() => Fetch(numbers.Receive(), results));
        go(() => numbers.Send(1));
        Go.go(static () => Console.WriteLine("plain"));
        go(() =>
        {
            int n = numbers.Receive();
            results.Send("got " + n);
            go(() => Fetch(n, results));
        });

        int count = 0;
        foreach (var r in results)
        {
            count++;
        }

        return count;
    }
}
