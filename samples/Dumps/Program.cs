using System.Diagnostics;
using GoSharp;
using static GoSharp.Go;

// What GoSharp tells you about a stuck or busy program, in Go's words: the deadlock report (Go's
// "fatal error: all goroutines are asleep - deadlock!"), a dump of live goroutines, and, with
// GODEBUG=schedtrace=1000 in the environment, a scheduler line on stderr every second.
public static partial class Program
{
    public static void Main()
    {
        Console.WriteLine("1. A busy program, dumped while it runs:");
        Go.Run(() => Busy(TimeSpan.FromSeconds(3)));

        // Second, because the goroutines of a deadlocked run stay parked for good, and would show
        // in every later dump.
        Console.WriteLine("2. A program that deadlocks on purpose:");
        try
        {
            Go.Run(() => WaitBeforeReading());
        }
        catch (DeadlockException e)
        {
            Console.WriteLine(e.Message);
        }
    }

    /// <summary>The bug: waiting for the producers before reading what they send on an unbuffered channel.</summary>
    [Goroutine]
    private static void WaitBeforeReading()
    {
        var results = new Chan<int>();
        var wg = new WaitGroup();
        for (int i = 1; i <= 2; i++)
        {
            wg.Add(1);
            go(() => Produce(i, results, wg));
        }

        wg.Wait(); // never returns: each producer waits for a reader, and the reader is here
        foreach (int r in results)
        {
            Console.WriteLine(r);
        }
    }

    [Goroutine]
    private static void Produce(int id, Chan<int> results, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        results.Send(id * id);
    }

    /// <summary>Computing and ping-ponging goroutines for <paramref name="runFor"/>, with one dump half-way.</summary>
    [Goroutine]
    private static void Busy(TimeSpan runFor)
    {
        var (ctx, cancel) = Context.WithTimeout(Context.Background, runFor);
        using var _ = Defer(cancel);
        var wg = new WaitGroup();
        for (int i = 0; i < 2; i++)
        {
            wg.Add(2);
            go(() => Compute(ctx, wg));
            var ping = new Chan<int>();
            go(() => PingPong(ctx, ping, wg));
        }

        Sleep(runFor / 2);
        Console.WriteLine(DumpGoroutines());
        wg.Wait();
        SchedulerStats stats = ReadSchedulerStats();
        Console.WriteLine($"done: {stats.Threads} threads, {stats.PreemptionRequests} preemption requests, {stats.Steals} steals, {stats.Handoffs} hand-offs");
    }

    [Goroutine]
    private static void Compute(Context ctx, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        ulong x = 1;
        while (ctx.Err() is null)
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                x = x * 6364136223846793005UL + 1442695040888963407UL;
            }
        }

        GC.KeepAlive(x);
    }

    [Goroutine]
    private static void PingPong(Context ctx, Chan<int> ball, WaitGroup wg)
    {
        using var _ = Defer(wg.Done);
        var pong = new Chan<int>();
        go(() => Return(ball, pong));
        for (int hits = 0; ctx.Err() is null; hits++)
        {
            ball.Send(hits);
            pong.Receive();
        }

        ball.Close();
    }

    [Goroutine]
    private static void Return(Chan<int> ball, Chan<int> pong)
    {
        foreach (int hit in ball)
        {
            pong.Send(hit);
        }
    }
}
