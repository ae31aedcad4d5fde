using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Rewriting.GoroutineBodyAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH006ParkInLockCodeFixTests
{
    [Fact]
    public Task Turns_the_lock_into_a_GoSharp_Mutex() => Verify.CodeFixAsync<GOSH006ParkInLockCodeFix>("""
        using GoSharp;

        public partial class Publisher
        {
            private readonly object _gate = new();
            private long _pending;

            [Goroutine]
            public void Publish(Chan<long> events)
            {
                lock (_gate)
                {
                    {|GOSH006:events.Send(_pending)|};
                    _pending = 0;
                }

                Console.WriteLine("published");
            }

            public void Add(long n)
            {
                lock (_gate)
                {
                    _pending += n;
                }
            }
        }
        """, """
        using GoSharp;

        public partial class Publisher
        {
            private readonly GoSharp.Mutex _gate = new();
            private long _pending;

            [Goroutine]
            public void Publish(Chan<long> events)
            {
                {
                    _gate.Lock();
                    using var _ = Go.Defer(_gate.Unlock);
                    events.Send(_pending);
                    _pending = 0;
                }

                Console.WriteLine("published");
            }

            public void Add(long n)
            {
                _gate.Lock();
                using var _ = Go.Defer(_gate.Unlock);
                _pending += n;
            }
        }
        """);
}
