using GoSharp;
using static GoSharp.Go;

namespace Samples;

public partial class Untouched
{
    private readonly object _gate = new();

    [Goroutine]
    public int Mixed(Chan<int> ch, List<int> list)
    {
        lock (_gate)
        {
            ch.Send(1);
        }

        list.ForEach(x => ch.Send(x));
        Func<int> later = () => ch.Receive();
        int Local() => ch.Receive();
        Func<int> escaped = Local;
        var query = from x in list where x > ch.Len select x;

        try
        {
            ch.Send(2);
        }
        catch (InvalidOperationException) when (ch.Len == 0)
        {
            ch.Send(3);
        }
        finally
        {
            ch.Send(4);
        }

        return new Lazy<int>(later).Value + escaped() + query.Count();
    }
}
