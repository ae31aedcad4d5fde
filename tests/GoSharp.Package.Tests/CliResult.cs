namespace GoSharp.Package.Tests;

/// <summary>What one <c>dotnet</c> command did: its exit code and its whole console output.</summary>
/// <param name="Command">The command line, for failure messages.</param>
/// <param name="ExitCode">The exit code, or null if the command timed out and was killed.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
public sealed record CliResult(string Command, int? ExitCode, string Output)
{
    /// <summary>True if the command exited on its own with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything needed to diagnose a failure from the test log alone.</summary>
    public override string ToString() =>
        $"`{Command}` {(ExitCode is { } code ? $"exited with {code}" : "timed out and was killed")}; output:\n{Output}";
}
