using GoSharp;
using static GoSharp.Go;

namespace Samples;

public static partial class Selecting
{
    [Goroutine]
    public static int Loop(Chan<int> jobs, Chan<string> names, Chan<bool> quit, Chan<int> results)
    {
        int handled = 0;
        while (true)
        {
            switch (Select(jobs.OnReceive(out var job), quit.OnReceive(), names.OnReceive(out Received<string> name)))
            {
                case 0:
                    handled += job.Value;
                    break;
                case 1:
                    return handled;
                case 2:
                    handled += name.Value?.Length ?? 0;
                    continue;
            }

            if (Select(results.OnSend(handled), Default) == 1)
            {
                handled++;
            }

            Select(results.OnSend(handled), quit.OnReceive());
            int chosen = Go.Select(jobs.OnReceive(), names.OnReceive(out _), Default);
            handled += chosen;
        }
    }
}
