namespace GoSharp.Testing;

/// <summary>
/// Thrown by <see cref="SyncTest.Explore(Action, int)"/> when the test fails under one of the seeds
/// it tries: the failure is the inner exception, and <see cref="Seed"/> replays it with
/// <c>SyncTest.Run(body, seed: Seed)</c>.
/// </summary>
public sealed class InterleavingFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="seed">The failing seed.</param>
    /// <param name="runs">How many seeds the exploration was to try.</param>
    /// <param name="failure">How the run with that seed failed.</param>
    /// <param name="replayed">Whether a second run with the same seed failed the same way.</param>
    public InterleavingFailedException(long seed, int runs, Exception failure, bool replayed)
        : base(Describe(seed, runs, failure, replayed), failure)
    {
        Seed = seed;
        Replayed = replayed;
    }

    /// <summary>The seed whose interleaving fails: replay it with <c>SyncTest.Run(body, seed: Seed)</c>.</summary>
    public long Seed { get; }

    /// <summary>True if running the seed a second time failed the same way (the failure is reproducible).</summary>
    public bool Replayed { get; }

    private static string Describe(long seed, int runs, Exception failure, bool replayed)
    {
        string replay = replayed
            ? $"replay it with SyncTest.Run(body, seed: {seed})"
            : $"but a second run with seed {seed} did not fail the same way: the test depends on something the seed does not decide (real time, I/O, state shared between runs)";
        return $"SyncTest.Explore: the interleaving of seed {seed} (of seeds 1 to {runs}) fails; {replay}." +
            Environment.NewLine + $"{failure.GetType().FullName}: {failure.Message}";
    }
}
