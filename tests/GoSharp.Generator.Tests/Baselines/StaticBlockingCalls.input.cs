using GoSharp;
using static GoSharp.Go;

namespace Samples;

public static partial class Waiting
{
    [Goroutine]
    public static string Nap(Task<string> pending, Task done)
    {
        Sleep(TimeSpan.FromMilliseconds(1));
        Go.Sleep(TimeSpan.Zero);
        Gosched();
        Go.Await(done);
        string text = Await(pending);
        return text + Go.Await<string>(pending).Length;
    }
}
