namespace GoSharp.Package.Tests;

/// <summary>
/// Code as C# programmers write it, in a default console app against the packed package: the
/// idioms a port from Go reaches for first (<c>out var</c> and <c>out _</c>, park sites inside
/// interpolated strings with alignment and format, <c>go(() => F(i))</c> in a <c>for</c> loop,
/// <c>WaitGroup.Go</c> and <c>ErrGroup.Go</c> lambdas that park, <c>Select</c> with a timeout and
/// with <c>Default</c>, a receive straight into a <c>Span</c> element, <c>foreach</c> over a
/// channel). It must build without a single warning and print what the same Go program prints.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class UserIdiomTests(PackedPackage package) : IDisposable
{
    private const string Program = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                foreach (string line in Go.Run(() => Idioms(4)))
                {
                    Console.WriteLine(line);
                }
            }

            [Goroutine]
            private static List<string> Idioms(int n)
            {
                var lines = new List<string>();

                var numbers = new Chan<int>(n);
                for (int i = 1; i <= n; i++)
                {
                    numbers.Send(i * 10);
                }

                if (numbers.TryReceive(out var first))           // v, ok := <-numbers (non-blocking)
                {
                    lines.Add($"first={first}");
                }

                numbers.TryReceive(out _);
                lines.Add($"next={numbers.Receive()} [{numbers.Receive(),4}] {n:D3}");
                numbers.Close();
                var (zero, ok) = numbers.ReceiveWithOk();           // v, ok := <-numbers (closed)
                lines.Add($"closed: {zero} {(ok ? "true" : "false")}");

                var results = new Chan<string>(n);
                for (int i = 0; i < n; i++)
                {
                    go(() => Square(i, results));                   // go square(i, results)
                }

                var squares = new List<string>();
                for (int i = 0; i < n; i++)
                {
                    squares.Add(results.Receive());
                }

                squares.Sort(StringComparer.Ordinal);
                lines.Add(string.Join(",", squares));

                var wg = new WaitGroup();
                var mu = new Mutex();
                int total = 0;
                for (int i = 1; i <= n; i++)
                {
                    int k = i;
                    wg.Go(() =>
                    {
                        mu.Lock();
                        total += k;
                        mu.Unlock();
                    });
                }

                wg.Wait();
                lines.Add($"total={total:D3}");

                var g = new ErrGroup();
                g.SetLimit(2);
                for (int i = 0; i < n; i++)
                {
                    int k = i;
                    g.Go(() =>
                    {
                        Sleep(TimeSpan.FromMilliseconds(1));
                        if (k == 2)
                        {
                            throw new InvalidOperationException($"job {k} failed");
                        }
                    });
                }

                lines.Add($"errgroup: {g.Wait()?.Message}");

                var never = new Chan<int>();
                switch (Select(never.OnReceive(), After(TimeSpan.FromMilliseconds(5)).OnReceive()))
                {
                    case 0:
                        lines.Add("received from a channel nobody sends on");
                        break;
                    default:
                        lines.Add("timed out");
                        break;
                }

                lines.Add(Select(never.OnReceive(), Default) == 1 ? "nothing ready" : "received from a channel nobody sends on");

                Memory<byte> buffer = new byte[2];
                var bytes = new Chan<byte>(1);
                bytes.Send(42);
                buffer.Span[1] = bytes.Receive();
                lines.Add($"buffer={buffer.Span[0]},{buffer.Span[1]}");

                var counts = new Chan<int>();
                go(() => Count(3, counts));
                var seen = new List<int>();
                foreach (var c in counts)                           // for c := range counts
                {
                    seen.Add(c);
                }

                lines.Add($"range: {string.Join(" ", seen)}");
                return lines;
            }

            [Goroutine]
            private static void Square(int i, Chan<string> results) => results.Send($"{i}:{i * i}");

            [Goroutine]
            private static void Count(int n, Chan<int> counts)
            {
                for (int i = 1; i <= n; i++)
                {
                    counts.Send(i);
                }

                counts.Close();
            }
        }
        """;

    /// <summary>What <c>go run</c> prints for the Go original, <c>GoOriginals/idioms.go</c> beside this file.</summary>
    private static readonly string[] Expected =
    [
        "first=10",
        "next=30 [  40] 004",
        "closed: 0 false",
        "0:0,1:1,2:4,3:9",
        "total=010",
        "errgroup: job 2 failed",
        "timed out",
        "nothing ready",
        "buffer=0,42",
        "range: 1 2 3",
    ];

    private readonly string _workDirectory = TempFolder.Create("gosharp-idioms-");

    [Fact]
    public void The_idioms_of_a_port_from_Go_build_without_a_warning_and_behave_as_in_Go()
    {
        ConsumerProject app = ConsumerProject.Write(Path.Combine(_workDirectory, "app"), package.Feed, package.Version, Program);
        Assert.Equal(Expected, app.BuildWithoutWarningsAndRun());
    }

    public void Dispose() => TempFolder.TryDelete(_workDirectory);
}
