using GoSharp;
using static GoSharp.Go;

namespace Samples;

public partial class Program
{
    private readonly Chan<int> _results = new(10);

    public static void Main()
    {
        var wg = new WaitGroup();
        var results = new Chan<int>(10);
        for (int i = 0; i < 3; i++)
        {
            wg.Go(() => Worker(i, results));
        }

        wg.Go(() => new Program().Instance(4));
        wg.Go(() => Compute<long>(5, 3L));
        wg.Go(() => results.Send(6));
        wg.Go(() => Console.WriteLine("not a goroutine method"));
        wg.Wait();
    }

    [Goroutine]
    private static void Fan(Chan<int> results)
    {
        var wg = new WaitGroup();
        for (int i = 0; i < 3; i++)
        {
            wg.Go(() => Worker(i, results));
        }

        wg.Wait();
    }

    [Goroutine]
    private static void Worker(int id, Chan<int> results) => results.Send(id);

    [Goroutine]
    internal void Instance(int id) => _results.Send(id);

    [Goroutine]
    public static int Compute<T>(int id, T extra) => id + extra!.GetHashCode();
}
