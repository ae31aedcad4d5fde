namespace GoSharp.Package.Tests;

/// <summary>Each test's scratch folder under the system's temp directory.</summary>
internal static class TempFolder
{
    /// <summary>A new, empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static string Create(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Best effort: a leftover folder in the temp directory must not fail a test.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
