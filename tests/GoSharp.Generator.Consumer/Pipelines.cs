using GoSharp;
using static GoSharp.Go;

namespace GoSharp.Generator.Consumer;

/// <summary>Real [Goroutine] code compiled by the real compiler with the generator.</summary>
public static partial class Pipelines
{
    /// <summary>Spawns <paramref name="workers"/> goroutines that each park on a receive, then feeds them.</summary>
    public static long FanOut(int workers) => Go.Run(() => FanOutMain(workers));

    /// <summary>Go.RunAsync on a [Goroutine] method.</summary>
    public static Task<long> FanOutAsync(int workers)
    {
        var result = new Chan<long>(1);
        Task run = Go.RunAsync(() => FanOutInto(workers, result));
        return run.ContinueWith(_ => result.TryReceive(out long value) ? value : -1, TaskScheduler.Default);
    }

    /// <summary>Go.RunAsync on a value-returning [Goroutine] method.</summary>
    public static Task<long> FanOutValueAsync(int workers) => Go.RunAsync(() => FanOutMain(workers));

    [Goroutine]
    private static void FanOutInto(int workers, Chan<long> result) => result.Send(FanOutMain(workers));

    [Goroutine]
    private static long FanOutMain(int workers)
    {
        var input = new Chan<int>();
        var output = new Chan<long>(workers);
        for (int i = 0; i < workers; i++)
        {
            go(() => Square(input, output));
        }

        for (int i = 1; i <= workers; i++)
        {
            input.Send(i);
        }

        long sum = 0;
        for (int i = 0; i < workers; i++)
        {
            sum += output.Receive();
        }

        return sum;
    }

    [Goroutine]
    private static void Square(Chan<int> input, Chan<long> output)
    {
        long v = input.Receive();
        output.Send(v * v);
    }

    /// <summary>A producer/consumer with select and range, started from ordinary code with go(...).</summary>
    public static List<string> SelectAndRange(int n)
    {
        var done = new Chan<List<string>>(1);
        go(() => Collector(n, done));
        return done.Receive();
    }

    [Goroutine]
    private static void Collector(int n, Chan<List<string>> done)
    {
        var numbers = new Chan<int>();
        var quit = new Chan<bool>();
        go(() =>
        {
            for (int i = 0; i < n; i++)
            {
                numbers.Send(i);
            }

            quit.Send(true);
        });

        var seen = new List<string>();
        while (true)
        {
            switch (Select(numbers.OnReceive(out var number), quit.OnReceive()))
            {
                case 0:
                    seen.Add("n" + number.Value);
                    continue;
                case 1:
                    var rest = new Chan<string>(3);
                    go(() => { rest.Send("a"); rest.Send("b"); rest.Close(); });
                    foreach (string s in rest)
                    {
                        seen.Add(s);
                    }

                    done.Send(seen);
                    return;
            }
        }
    }
}
