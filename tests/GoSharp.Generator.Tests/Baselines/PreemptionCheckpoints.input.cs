using GoSharp;

namespace Samples;

public partial class Loops
{
    private readonly object _gate = new();

    [Goroutine]
    public long Spin(int n, int[] data)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += i;
        }

        int j = 0;
        while (j < n) j++;

        do
        {
            j--;
        }
        while (j > 0);

        foreach (int d in data)
            sum += d;

    again:
        if (sum > 10)
        {
            sum /= 2;
            goto again;
        }

        goto done;
    done:
        lock (_gate)
        {
            for (int k = 0; k < 3; k++)
            {
                sum++;
            }
        }

        return sum;
    }
}
