using GoSharp;
using static GoSharp.Go;

namespace Samples;

public partial class Program
{
    private readonly Chan<int> _results = new(10);

    public static int Main()
    {
        int n = 3;
        go(() => Worker(n, new Chan<int>(1)));
        Go.go(() => Worker(n + 1, new Chan<int>(1)));
        Task task = Go.RunAsync(() => Worker(n, new Chan<int>(1)));
        Task<int> computed = Go.RunAsync(() => Compute<long>(n, 3L));
        Go.Run(() => new Program().Instance(n));
        go(() => Console.WriteLine("not a goroutine method"));
        return Go.Run(() => Compute<long>(n, 2L));
    }

    [Goroutine]
    private static void Worker(int id, Chan<int> results) => results.Send(id);

    [Goroutine]
    internal void Instance(int id) => _results.Send(id);

    [Goroutine]
    public static int Compute<T>(int id, T extra) => id + extra!.GetHashCode();
}
