using GoSharp;
using static GoSharp.Go;

// A pipeline in Go's style: a generator, three squarers reading one channel (fan-out), a merge
// of their outputs (fan-in), a consumer that gives up waiting after a timeout, and a context
// whose deadline shuts every stage down. Each stage owns the channel it writes and closes it.
public static partial class Program
{
    public static void Main() => Go.Run(() => Consume(TimeSpan.FromSeconds(1), patience: TimeSpan.FromMilliseconds(5)));

    [Goroutine]
    private static void Consume(TimeSpan runFor, TimeSpan patience)
    {
        var (ctx, cancel) = Context.WithTimeout(Context.Background, runFor);
        using var _ = Defer(cancel);

        ReceiveOnlyChan<long> numbers = Generate(ctx);
        ReceiveOnlyChan<long> squares = Merge(ctx, Square(ctx, numbers), Square(ctx, numbers), Square(ctx, numbers));
        Console.WriteLine($"pipeline running: {NumGoroutine()} goroutines");

        long sum = 0;
        int received = 0, impatient = 0;
        bool open = true;
        while (open)
        {
            switch (Select(squares.OnReceive(out var square), After(patience).OnReceive()))
            {
                case 0 when square.Ok:
                    sum += square.Value;
                    received++;
                    break;
                case 0:
                    open = false; // closed: every stage has stopped
                    break;
                case 1:
                    impatient++; // nothing within `patience`: do something else and come back
                    break;
            }
        }

        Console.WriteLine($"{ctx.Err()!.Message} after {runFor.TotalMilliseconds:0} ms: {received} squares received (sum {sum:N0}), {impatient} waits gave up after {patience.TotalMilliseconds:0} ms");
        Console.WriteLine($"pipeline stopped: {WaitForGoroutines(1)} goroutine left (this one)");
    }

    // Go:  func generate(ctx context.Context) <-chan int64
    [Goroutine]
    private static ReceiveOnlyChan<long> Generate(Context ctx)
    {
        var output = new Chan<long>();
        go(() =>
        {
            using var _ = Defer(output.Close);
            for (long n = 1; ; n++)
            {
                switch (Select(output.OnSend(n), ctx.Done().OnReceive()))
                {
                    case 1:
                        return;
                }
            }
        });
        return output;
    }

    // Go:  func square(ctx context.Context, in <-chan int64) <-chan int64
    [Goroutine]
    private static ReceiveOnlyChan<long> Square(Context ctx, ReceiveOnlyChan<long> input)
    {
        var output = new Chan<long>();
        go(() =>
        {
            using var _ = Defer(output.Close);
            foreach (long n in input)
            {
                Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(20))); // uneven work
                switch (Select(output.OnSend(n * n), ctx.Done().OnReceive()))
                {
                    case 1:
                        return;
                }
            }
        });
        return output;
    }

    // Go:  func merge(ctx context.Context, cs ...<-chan int64) <-chan int64
    [Goroutine]
    private static ReceiveOnlyChan<long> Merge(Context ctx, params ReceiveOnlyChan<long>[] inputs)
    {
        var output = new Chan<long>();
        var wg = new WaitGroup();
        foreach (ReceiveOnlyChan<long> input in inputs)
        {
            wg.Add(1);
            go(() =>
            {
                using var _ = Defer(wg.Done);
                foreach (long v in input)
                {
                    switch (Select(output.OnSend(v), ctx.Done().OnReceive()))
                    {
                        case 1:
                            return;
                    }
                }
            });
        }

        go(() =>
        {
            wg.Wait();
            output.Close();
        });
        return output;
    }

    /// <summary>
    /// Every stage has closed its channel, but a goroutine that has just closed one may still be
    /// returning: look a few times (as a Go test would with runtime.NumGoroutine).
    /// </summary>
    [Goroutine]
    private static int WaitForGoroutines(int expected)
    {
        for (int i = 0; i < 100 && NumGoroutine() > expected; i++)
        {
            Sleep(TimeSpan.FromMilliseconds(1));
        }

        return NumGoroutine();
    }
}
