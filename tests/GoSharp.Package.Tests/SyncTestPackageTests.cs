namespace GoSharp.Package.Tests;

/// <summary>
/// SyncTest comes with the one package: a fresh consumer (ImplicitUsings on, [Goroutine] methods
/// rewritten by the packaged generator) runs an hour of bubble time, gets a deadlock as an
/// exception, and has Explore find and replay a planted race.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class SyncTestPackageTests(PackedPackage package) : IDisposable
{
    private const string Program = """
        using GoSharp;
        using GoSharp.Testing;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var (ticks, bubbleTime) = SyncTest.Run(() => CountTicks(TimeSpan.FromHours(1)));

                string deadlock;
                try
                {
                    SyncTest.Run(() => go(() => new Chan<int>().Receive()));
                    deadlock = "none";
                }
                catch (DeadlockException e)
                {
                    deadlock = e.Message.Split('\n')[0].Trim();
                }

                string race;
                try
                {
                    SyncTest.Explore(() => Withdrawals(), runs: 100);
                    race = "not found";
                }
                catch (InterleavingFailedException e)
                {
                    race = $"found, replayed={e.Replayed}, {e.InnerException!.Message}";
                }

                Console.WriteLine($"ticks={ticks} bubble={bubbleTime}");
                Console.WriteLine(deadlock);
                Console.WriteLine(race);
            }

            [Goroutine]
            private static (int Ticks, TimeSpan Elapsed) CountTicks(TimeSpan span)
            {
                DateTime start = SyncTest.Now;
                Ticker ticker = NewTicker(TimeSpan.FromSeconds(1));
                var end = After(span + TimeSpan.FromMilliseconds(1)); // after the last tick, not at the same instant
                int ticks = 0;
                while (true)
                {
                    switch (Select(ticker.C.OnReceive(), end.OnReceive()))
                    {
                        case 0:
                            ticks++;
                            break;
                        default:
                            ticker.Stop();
                            return (ticks, SyncTest.Now - start);
                    }
                }
            }

            private sealed class Account
            {
                public int Balance = 100;
            }

            [Goroutine]
            private static void Withdrawals()
            {
                var account = new Account();
                var audit = new Chan<string>();
                var wg = new WaitGroup();
                go(() => Auditor(audit));
                wg.Add(2);
                go(() => Withdraw(account, audit, wg));
                go(() => Withdraw(account, audit, wg));
                wg.Wait();
                audit.Close();
                if (account.Balance < 0)
                {
                    throw new InvalidOperationException($"overdrawn: {account.Balance}");
                }
            }

            [Goroutine]
            private static void Auditor(Chan<string> audit)
            {
                foreach (string _ in audit)
                {
                }
            }

            [Goroutine]
            private static void Withdraw(Account account, Chan<string> audit, WaitGroup wg)
            {
                using var _ = Defer(wg.Done);
                if (account.Balance >= 70)
                {
                    audit.Send("withdraw 70");
                    account.Balance -= 70;
                }
            }
        }
        """;

    private static readonly string[] Expected =
    [
        "ticks=3600 bubble=01:00:00.0010000",
        "deadlock: main bubble goroutine has exited but blocked goroutines remain",
        "found, replayed=True, overdrawn: -40",
    ];

    private readonly string _workDirectory = TempFolder.Create("gosharp-synctest-");

    [Fact]
    public void A_consumer_of_the_package_runs_bubbles_and_explores_interleavings()
    {
        ConsumerProject app = ConsumerProject.Write(Path.Combine(_workDirectory, "app"), package.Feed, package.Version, Program);
        Assert.Equal(Expected, app.BuildWithoutWarningsAndRun());
    }

    public void Dispose() => TempFolder.TryDelete(_workDirectory);
}
