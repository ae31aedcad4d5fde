using GoSharp;

namespace Samples;

public class NotPartial
{
    [Goroutine]
    public static void F(Chan<int> ch) => ch.Send(1);
}

public partial class Partial
{
    [Goroutine]
    public static void RefParameter(ref int x) => x++;

    [Goroutine]
    public static async Task Async() => await Task.Yield();

    [Goroutine]
    public static IEnumerable<int> Iterator()
    {
        yield return 1;
    }

    [Goroutine]
    public virtual void Virtual()
    {
    }

    [Goroutine]
    public static void CallsSkipped(Chan<int> ch)
    {
        NotPartial.F(ch);
        int x = 1;
        Partial.RefParameter(ref x);
    }
}
