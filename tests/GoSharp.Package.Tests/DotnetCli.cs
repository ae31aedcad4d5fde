using System.Diagnostics;
using System.Text;

namespace GoSharp.Package.Tests;

/// <summary>
/// Runs the dotnet CLI in a child process as a user's shell would: the test host's own dotnet,
/// but none of the MSBuild and VSTest settings that <c>dotnet test</c> leaves in our environment.
/// </summary>
public static class DotnetCli
{
    /// <summary>Per command; a cold restore and build on a loaded 2-core CI machine stay far below it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Flags for MSBuild-based verbs so that no compiler server or MSBuild node outlives the test.</summary>
    private static readonly string[] NoLingeringProcesses = ["--disable-build-servers", "-nodeReuse:false", "-nologo", "-tl:off"];

    /// <summary>
    /// Names (or prefixes) of variables that <c>dotnet test</c> and VSTest set for the test host and
    /// that would steer the child's MSBuild; a user's shell has none of them.
    /// </summary>
    private static readonly string[] HostVariables = ["MSBUILD", "_MSBUILD", "VSTEST_", "DOTNET_HOST_PATH", "UseSharedCompilation"];

    /// <summary>The dotnet that runs this test (the CLI sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static readonly string Executable = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs an MSBuild-based verb (<c>build</c>, <c>pack</c>) with <see cref="NoLingeringProcesses"/>.</summary>
    public static CliResult MSBuild(string workingDirectory, params string[] arguments) =>
        MSBuild(Timeout, workingDirectory, arguments);

    /// <summary>Runs an MSBuild-based verb that may take longer than <see cref="Timeout"/> (a NativeAOT <c>publish</c>).</summary>
    public static CliResult MSBuild(TimeSpan timeout, string workingDirectory, params string[] arguments) =>
        Run(Executable, timeout, workingDirectory, [.. arguments, .. NoLingeringProcesses]);

    /// <summary>Runs <c>dotnet arguments...</c>, killing the whole process tree after <see cref="Timeout"/>.</summary>
    public static CliResult Execute(string workingDirectory, params string[] arguments) =>
        Run(Executable, Timeout, workingDirectory, arguments);

    /// <summary>Runs a program the CLI built (a native executable) in the same clean environment.</summary>
    public static CliResult RunProgram(string path, TimeSpan timeout) =>
        Run(path, timeout, Path.GetDirectoryName(path)!, []);

    private static CliResult Run(string executable, TimeSpan timeout, string workingDirectory, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (string name in startInfo.Environment.Keys.Where(IsHostVariable).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(); // drains the redirected output
        string command = string.Join(' ', [executable == Executable ? "dotnet" : executable, .. arguments]);
        lock (output)
        {
            return new CliResult(command, exited ? process.ExitCode : null, output.ToString());
        }
    }

    private static bool IsHostVariable(string name) =>
        HostVariables.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
