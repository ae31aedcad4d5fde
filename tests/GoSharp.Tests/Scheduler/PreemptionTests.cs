using GoSharp.Tests.Support;

namespace GoSharp.Tests.Scheduler;

public class PreemptionTests
{
    private sealed class Race
    {
        public int Stop;
        public long Checkpoints;
        public long CheckpointsWhenOtherRan = -1;
    }

    /// <summary>Never parks; only passes checkpoints, like a generated tight loop.</summary>
    private static async GoTask Hog(Race race)
    {
        while (Volatile.Read(ref race.Stop) == 0)
        {
            race.Checkpoints++;
            await Preemption.Checkpoint();
        }
    }

    /// <summary>The same, polling the flag as the generator's synchronous loops do.</summary>
    private static async GoTask FlagHog(Race race)
    {
        while (Volatile.Read(ref race.Stop) == 0)
        {
            PreemptionFlag flag = Preemption.Current;
            while (!flag.IsRequested && Volatile.Read(ref race.Stop) == 0)
            {
                race.Checkpoints++;
            }

            await Go.GoschedAsync();
        }
    }

    private static void RunRace(Func<Race, GoTask> hog)
    {
        using var _ = MaxProcs.Set(1);
        var race = new Race();
        long requestsBefore = Go.ReadSchedulerStats().PreemptionRequests;
        Deadline.Run(() => Go.Run(async () =>
        {
            var started = new Chan<bool>(1);
            Go.go(async () =>
            {
                started.TrySend(true);
                await hog(race);
            });

            // Parks until the hog runs; then it can only run again once the hog is preempted.
            await started.ReceiveAsync();
            Go.go(() =>
            {
                race.CheckpointsWhenOtherRan = Volatile.Read(ref race.Checkpoints);
                Volatile.Write(ref race.Stop, 1);
            });
        }));

        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref race.Stop) == 1), "the other goroutine never ran");
        Assert.True(race.CheckpointsWhenOtherRan >= 0);
        Assert.True(Go.ReadSchedulerStats().PreemptionRequests > requestsBefore, "sysmon never asked for preemption");
    }

    [Fact]
    public void A_goroutine_that_never_parks_cannot_starve_another_on_one_P() => RunRace(Hog);

    [Fact]
    public void A_synchronous_loop_polling_the_preemption_flag_yields_when_asked() => RunRace(FlagHog);

    [Fact]
    public void The_time_slice_is_about_ten_milliseconds()
    {
        using var _ = MaxProcs.Set(1);
        var race = new Race();
        var slices = new List<double>();
        Deadline.Run(() => Go.Run(async () =>
        {
            Go.go(() => Hog(race));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 5; i++)
            {
                double before = clock.Elapsed.TotalMilliseconds;
                await Go.GoschedAsync(); // comes back only after the hog's slice ends
                slices.Add(clock.Elapsed.TotalMilliseconds - before);
            }

            Volatile.Write(ref race.Stop, 1);
        }));

        // Each wait is one hog time slice (10 ms, enforced by a 1 ms sysmon tick). Loaded
        // machines stretch it, but far less than the seconds an unpreempted hog would take.
        double median = slices.OrderBy(s => s).ElementAt(slices.Count / 2);
        Assert.InRange(median, 5, 500);
    }
}
