using GoSharp;

namespace Samples;

public static partial class Ranging
{
    [Goroutine]
    public static int Sum(Chan<int> numbers, ReceiveOnlyChan<(int A, int B)> pairs, List<int> list)
    {
        int sum = 0;
        foreach (var n in numbers)
        {
            sum += n;
        }

        foreach (var (a, b) in pairs)
            sum += a * b;

        foreach (int item in list)
        {
            sum += item;
        }

        return sum;
    }
}
