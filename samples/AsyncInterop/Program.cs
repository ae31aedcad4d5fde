using System.Diagnostics;
using System.Runtime.CompilerServices;
using GoSharp;
using static GoSharp.Go;

// Goroutines and async/await working together: async Main starts goroutine code with
// Go.RunAsync and awaits it; a goroutine pumps an IAsyncEnumerable into a channel; three
// goroutines call an async API per item with Go.Await (parking, not blocking a thread); and a
// CancellationToken, bridged to a Context, stops the whole thing.
public static partial class Program
{
    public static async Task Main()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        Summary summary = await Go.RunAsync(() => Monitor(cts.Token, workers: 3));
        Console.WriteLine($"async Main awaited the goroutines for {clock.ElapsedMilliseconds} ms");
        Console.WriteLine($"{summary.Received} readings came from the IAsyncEnumerable; {summary.Enriched} were enriched by goroutines awaiting an async lookup each");
        Console.WriteLine($"last: {summary.Last}");
        Console.WriteLine($"stopped by the CancellationToken: {summary.StopReason}");
    }

    [Goroutine]
    private static Summary Monitor(CancellationToken token, int workers)
    {
        // token → context: cancelling the token cancels ctx, and everything derived from it.
        var (ctx, cancel) = Context.WithCancellation(Context.Background, token);
        using var _ = Defer(cancel);

        var readings = new Chan<Reading>(16);
        var enriched = new Chan<string>(16);
        int received = 0;
        // context → token: the async producer stops when the context ends.
        go(() => Pump(ReadSensorAsync(ctx.CancellationToken), readings, () => Interlocked.Increment(ref received)));

        var wg = new WaitGroup();
        for (int w = 0; w < workers; w++)
        {
            wg.Add(1);
            go(() => Enrich(ctx, readings, enriched, wg));
        }

        go(() => CloseWhenDone(wg, enriched));
        int count = 0;
        string last = "(none)";
        foreach (string line in enriched)
        {
            count++;
            last = line;
        }

        return new Summary(Volatile.Read(ref received), count, last, ctx.Err()?.Message ?? "not cancelled");
    }

    /// <summary>Sends every item of <paramref name="source"/> to <paramref name="sink"/>, then closes it.</summary>
    [Goroutine]
    private static void Pump<T>(IAsyncEnumerable<T> source, Chan<T> sink, Action onItem)
    {
        IAsyncEnumerator<T> items = source.GetAsyncEnumerator();
        try
        {
            while (Go.Await(items.MoveNextAsync().AsTask())) // parks until the next item
            {
                onItem();
                sink.Send(items.Current);
            }
        }
        catch (OperationCanceledException)
        {
            // the source was cancelled: that is its end
        }
        finally
        {
            Go.Await(items.DisposeAsync().AsTask());
            sink.Close();
        }
    }

    /// <summary>A worker: one async lookup per reading, cancelled with the context.</summary>
    [Goroutine]
    private static void Enrich(Context ctx, ReceiveOnlyChan<Reading> readings, SendOnlyChan<string> enriched, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        foreach (Reading reading in readings)
        {
            string place;
            try
            {
                place = Go.Await(LookUpPlaceAsync(reading.Sensor, ctx.CancellationToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }

            enriched.Send($"{reading.Celsius:0.0} °C at {place} (sensor {reading.Sensor})");
        }
    }

    [Goroutine]
    private static void CloseWhenDone(WaitGroup wg, Chan<string> enriched)
    {
        wg.Wait();
        enriched.Close();
    }

    /// <summary>Ordinary async code: a reading every 10 ms until cancelled.</summary>
    private static async IAsyncEnumerable<Reading> ReadSensorAsync([EnumeratorCancellation] CancellationToken cancel)
    {
        for (int i = 0; ; i++)
        {
            await Task.Delay(10, cancel);
            yield return new Reading(i % 4, 18 + Random.Shared.NextDouble() * 4);
        }
    }

    /// <summary>Ordinary async code standing in for a database or HTTP call.</summary>
    private static async Task<string> LookUpPlaceAsync(int sensor, CancellationToken cancel)
    {
        await Task.Delay(Random.Shared.Next(5, 25), cancel);
        return sensor switch { 0 => "the kitchen", 1 => "the hall", 2 => "the attic", _ => "the garden" };
    }

    private readonly record struct Reading(int Sensor, double Celsius);

    private sealed record Summary(int Received, int Enriched, string Last, string StopReason);
}
