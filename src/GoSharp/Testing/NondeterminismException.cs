namespace GoSharp.Testing;

/// <summary>
/// Fails a bubble run with an explicit seed (<c>SyncTest.Run(body, seed: n)</c>, and every run of
/// <see cref="SyncTest.Explore(Action, int)"/>) at the first event that would make its
/// interleaving depend on timing rather than on the seed: a goroutine woken by a thread outside
/// the bubble while the bubble had other work, a goroutine blocking its thread in foreign code,
/// a goroutine that had to be preempted. Without it the seed would silently stop replaying.
/// </summary>
public sealed class NondeterminismException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="seed">The seed of the run.</param>
    /// <param name="cause">What made the run depend on timing.</param>
    public NondeterminismException(long seed, string cause)
        : base($"SyncTest run with seed {seed} is no longer reproducible: {cause}. " +
            "Keep the test inside the bubble (channels and goroutines of the bubble, SyncTest.TimeProvider for .NET timers, " +
            "Go.Sleep rather than Thread.Sleep), or run it without a seed to accept a timing-dependent interleaving.")
    {
        Seed = seed;
        Cause = cause;
    }

    /// <summary>The seed of the run.</summary>
    public long Seed { get; }

    /// <summary>What made the run depend on timing.</summary>
    public string Cause { get; }
}
