namespace GoSharp.Package.Tests;

/// <summary>
/// What NativeAOT needs on Linux besides the .NET SDK: clang as the linker driver and zlib's
/// development files (<c>libz.so</c>). Missing either fails the test with what to install; it
/// never skips, so a CI machine without them cannot pass unnoticed.
/// </summary>
public static class NativeToolchain
{
    /// <summary>What to run on Debian or Ubuntu (what <c>.ci/run</c> runs when clang is missing).</summary>
    public const string InstallCommand = "apt-get update && apt-get install -y clang zlib1g-dev";

    private static readonly string[] LibraryFolders = ["/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib"];

    /// <summary>Null if the prerequisites are there, else a message naming what is missing and how to install it.</summary>
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null; // other platforms have their own prerequisites; dotnet publish names them
        }

        var missing = new List<string>();
        if (!OnPath("clang"))
        {
            missing.Add("clang (not on PATH)");
        }

        if (!HasZlibForLinking())
        {
            missing.Add("zlib1g-dev (no libz.so in " + string.Join(", ", LibraryFolders) + ")");
        }

        return missing.Count == 0
            ? null
            : $"NativeAOT publishing needs {string.Join(" and ", missing)}. Install them with: {InstallCommand}";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));

    /// <summary>The linker's <c>-lz</c> needs the unversioned <c>libz.so</c>, which only the -dev package installs.</summary>
    private static bool HasZlibForLinking() =>
        LibraryFolders.Where(Directory.Exists).Any(folder =>
            File.Exists(Path.Combine(folder, "libz.so")) ||
            Directory.EnumerateDirectories(folder, "*-linux-gnu*").Any(multiarch => File.Exists(Path.Combine(multiarch, "libz.so"))));
}
