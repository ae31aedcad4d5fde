using System.Reflection;
using GoSharp.Generator.Tests.Support;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Park sites end to end: a goroutine parked in a twin is reported, in goroutine dumps and
/// deadlock reports, at the user's file and line with the operation as written.
/// </summary>
[Collection(SchedulerBound.Name)]
public class ParkSiteTests
{
    private const string Usings = "using GoSharp;\nusing static GoSharp.Go;\n";

    [Fact]
    public void A_goroutine_parked_on_a_receive_is_dumped_at_the_users_line()
    {
        string source = Usings + """
            public static partial class Program
            {
                public static string Dump() => Go.Run(() => Main());

                [Goroutine]
                static string Main()
                {
                    var never = new Chan<int>();
                    go(() => Stuck(never));
                    for (int i = 0; i < 2000; i++)
                    {
                        Sleep(TimeSpan.FromMilliseconds(5));
                        string dump = Go.DumpGoroutines();
                        if (dump.Contains("(ch.Receive())"))
                        {
                            return dump;
                        }
                    }

                    return "never parked";
                }

                [Goroutine]
                static void Stuck(Chan<int> ch)
                {
                    int value = ch.Receive();
                    Console.WriteLine(value);
                }
            }
            """;
        Assembly program = GeneratorHarness.Build(source);

        string dump = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Dump")!);

        Assert.Contains("Program.cs:" + LineOf(source, "int value = ch.Receive()") + " (ch.Receive())", dump);
    }

    [Fact]
    public void A_deadlock_report_names_the_users_line()
    {
        string source = Usings + """
            public static partial class Program
            {
                public static void Run() => Go.Run(() => Main());

                [Goroutine]
                static void Main()
                {
                    var nobody = new Chan<string>();
                    string text =
                        nobody.Receive();
                    Console.WriteLine(text);
                }
            }
            """;
        Assembly program = GeneratorHarness.Build(source);

        var error = Assert.Throws<DeadlockException>(() => Bounded.Run(() => GeneratorHarness.Invoke(program, "Program", "Run")));

        Assert.Contains("Program.cs:" + LineOf(source, "nobody.Receive()") + " (nobody.Receive())", error.Message);
    }

    [Fact]
    public void A_select_reports_its_site_too()
    {
        string source = Usings + """
            public static partial class Program
            {
                public static void Run() => Go.Run(() => Main());

                [Goroutine]
                static void Main()
                {
                    var a = new Chan<int>();
                    var b = new Chan<int>();
                    Select(a.OnReceive(out var x), b.OnSend(1));
                    Console.WriteLine(x.Value);
                }
            }
            """;
        Assembly program = GeneratorHarness.Build(source);

        var error = Assert.Throws<DeadlockException>(() => Bounded.Run(() => GeneratorHarness.Invoke(program, "Program", "Run")));

        Assert.Contains("Program.cs:" + LineOf(source, "Select(a.") + " (Select(a.OnReceive(out var x), b.OnSend(1)))", error.Message);
    }

    [Fact]
    public void A_range_over_a_channel_reports_the_loop_after_an_earlier_park()
    {
        // The first receive parks at its own site; the range must replace it with the loop's.
        string source = Usings + """
            public static partial class Program
            {
                public static void Run() => Go.Run(() => Main());

                [Goroutine]
                static void Main()
                {
                    var values = new Chan<int>(1);
                    values.Send(1);
                    int first = values.Receive();
                    int sum = first;
                    foreach (int v in values)
                    {
                        sum += v;
                    }

                    Console.WriteLine(sum);
                }
            }
            """;
        Assembly program = GeneratorHarness.Build(source);

        var error = Assert.Throws<DeadlockException>(() => Bounded.Run(() => GeneratorHarness.Invoke(program, "Program", "Run")));

        Assert.Contains("Program.cs:" + LineOf(source, "foreach (int v") + " (foreach (int v in values))", error.Message);
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/>.</summary>
    private static int LineOf(string source, string text)
    {
        string before = source[..source.IndexOf(text, StringComparison.Ordinal)];
        return before.Count(c => c == '\n') + 1;
    }
}
