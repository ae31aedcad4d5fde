using GoSharp;

namespace Samples;

public partial class Outlining
{
    private int _scale = 3;

    [Goroutine]
    public long Mixed(int n, Chan<int> ch)
    {
        long sum = 0;
        for (int i = 0, j = n; i < j; i++)
        {
            if (i % 3 == 0) continue;
            if (sum > 1_000_000) break;
            sum += (long)i * _scale;
        }

        int k;
        k = 0;
        for (k = 1; ; k *= 2)
        {
            if (k > n) break;
        }

        string? label = n > 0 ? "positive" : null;
        int @event = 0;
        while (@event < label!.Length) @event++;

        try
        {
            for (int t = 0; t < n; t++)
            {
                sum -= t;
                if (t == 1_000) throw new System.InvalidOperationException();
            }
        }
        catch (System.InvalidOperationException)
        {
            sum = -sum;
        }

        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < a; b++)
            {
                sum += a ^ b;
            }
        }

        for (int p = 0; p < 3; p++)
        {
            sum += ch.Receive();
        }

        for (int r = 0; r < n; r++)
        {
            if (r == 5) return sum;
        }

        int[] squares = new int[n];
        for (int q = 0; q < squares.Length; q++) squares[q] = q * q;
        for (int q = 0; q < squares.Length; q++) sum += System.Math.Abs(squares[q]);
        for (int q = 0; q < n; q++) { if (squares[q] > 100) break; sum++; }

        foreach (int square in squares) sum += square;
        foreach (var (x, y) in new[] { (1, 2) }) { if (x > n) break; sum += x * y; }
        do sum--; while (sum > 1_000);

        int captured = 0;
        System.Func<int> read = () => captured;
        while (captured < n) captured++;

        return sum + k + read();
    }

    [Goroutine]
    public static T Last<T>(T[] items)
    {
        T last = default!;
        int i = 0;
        while (i < items.Length)
        {
            last = items[i];
            i++;
        }

        return last;
    }
}
