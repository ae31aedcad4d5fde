using System.Text;

namespace GoSharp.Generator.Tests.Support;

/// <summary>
/// Checked-in expected outputs. <c>GOSHARP_UPDATE_BASELINES=1</c> rewrites them from the current
/// output (review the diff); otherwise a mismatch fails with a line diff.
/// </summary>
internal static class Baseline
{
    public static bool Updating => Environment.GetEnvironmentVariable("GOSHARP_UPDATE_BASELINES") == "1";

    /// <summary>The test project's source folder (found from the build output, so it works in any clone).</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    public static string BaselineDirectory => Path.Combine(ProjectDirectory, "Baselines");

    public static void Verify(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Updating || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            Assert.True(Updating, "Baseline " + path + " did not exist and was written; check it in.");
            return;
        }

        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            Assert.Fail("Baseline " + Path.GetFileName(path) + " differs (set GOSHARP_UPDATE_BASELINES=1 to accept):\n" + Diff(expected, actual));
        }
    }

    private static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        var text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(a.Length, b.Length) && shown < 40; i++)
        {
            string? left = i < a.Length ? a[i] : null;
            string? right = i < b.Length ? b[i] : null;
            if (left != right)
            {
                text.Append("line ").Append(i + 1).Append('\n');
                text.Append("- ").Append(left ?? "<none>").Append('\n');
                text.Append("+ ").Append(right ?? "<none>").Append('\n');
                shown++;
            }
        }

        return text.ToString();
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoSharp.Generator.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the GoSharp.Generator.Tests project folder above " + AppContext.BaseDirectory);
    }
}
