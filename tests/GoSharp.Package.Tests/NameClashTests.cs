namespace GoSharp.Package.Tests;

/// <summary>
/// <c>Mutex</c>, <c>Semaphore</c> and <c>Timer</c> mean GoSharp's in a project with
/// <c>ImplicitUsings</c> (which imports <c>System.Threading</c>): the package's buildTransitive
/// targets add global using aliases, and <c>GoSharpImplicitAliases=false</c> turns them off.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NameClashTests(PackedPackage package) : IDisposable
{
    /// <summary>Go's names, unqualified, next to System.Threading's by their full names.</summary>
    private const string Program = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                var mu = new Mutex();
                var sem = new Semaphore(2);
                int total = Go.Run(() => Count(mu, sem, 100));
                Timer t = NewTimer(TimeSpan.FromMilliseconds(5));
                DateTime fired = Fired(t);

                using var named = new System.Threading.Mutex(); // System.Threading's, by its full name
                named.WaitOne();
                named.ReleaseMutex();
                Console.WriteLine($"total={total} fired={fired.Kind} {mu.GetType()} {sem.GetType()} {t.GetType()} {named.GetType()}");
            }

            private static DateTime Fired(Timer t) => t.C.Receive();

            [Goroutine]
            private static int Count(Mutex mu, Semaphore sem, int n)
            {
                int total = 0;
                var wg = new WaitGroup();
                for (int i = 0; i < n; i++)
                {
                    wg.Add(1);
                    go(() => Add(mu, sem, wg, () => total++));
                }

                wg.Wait();
                return total;
            }

            [Goroutine]
            private static void Add(Mutex mu, Semaphore sem, WaitGroup wg, Action increment)
            {
                using var _ = Defer(wg.Done);
                sem.Acquire(1);
                mu.Lock();
                increment();
                mu.Unlock();
                sem.Release(1);
            }
        }
        """;

    private const string Expected =
        "total=100 fired=Utc GoSharp.Mutex GoSharp.Semaphore GoSharp.Timer System.Threading.Mutex";

    private readonly string _workDirectory = TempFolder.Create("gosharp-names-");

    [Fact]
    public void Go_names_need_no_qualification_with_ImplicitUsings_unless_the_aliases_are_turned_off()
    {
        ConsumerProject app = WriteApp("app", optOut: false);
        CliResult build = DotnetCli.MSBuild(app.ProjectDirectory, "build");
        Assert.True(build.Succeeded, build.ToString());
        CliResult run = DotnetCli.Execute(app.ProjectDirectory, "run", "--no-build");
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(Expected, run.Output.Trim());

        // Opted out, the same program meets System.Threading's names again: the property works.
        // (The compiler skips method bodies once declarations have errors, so each name also
        // appears in a signature: Count's and Add's parameters, Fired's.)
        ConsumerProject optedOut = WriteApp("opted-out", optOut: true);
        CliResult clash = DotnetCli.MSBuild(optedOut.ProjectDirectory, "build");
        Assert.False(clash.Succeeded, clash.ToString());
        foreach (string name in new[] { "Mutex", "Semaphore", "Timer" })
        {
            string error = $"error CS0104: '{name}' is an ambiguous reference between 'GoSharp.{name}' and 'System.Threading.{name}'";
            Assert.True(
                clash.Output.Split('\n').Any(line => line.Contains("Program.cs(", StringComparison.Ordinal) && line.Contains(error, StringComparison.Ordinal)),
                $"no `Program.cs(...): {error}`: {clash}");
        }
    }

    /// <summary>A fresh console app with this test's program, optionally with the aliases turned off in its project file.</summary>
    private ConsumerProject WriteApp(string name, bool optOut)
    {
        ConsumerProject app = ConsumerProject.Write(Path.Combine(_workDirectory, name), package.Feed, package.Version, Program);
        if (optOut)
        {
            string project = Path.Combine(app.ProjectDirectory, "App.csproj");
            const string anchor = "<ImplicitUsings>enable</ImplicitUsings>";
            string text = File.ReadAllText(project);
            Assert.Contains(anchor, text, StringComparison.Ordinal);
            File.WriteAllText(project, text.Replace(anchor, anchor + "<GoSharpImplicitAliases>false</GoSharpImplicitAliases>", StringComparison.Ordinal));
        }

        return app;
    }

    public void Dispose() => TempFolder.TryDelete(_workDirectory);
}
