using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH019MutexMisuseAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH019MutexMisuseCodeFixTests
{
    [Fact]
    public Task Defers_Unlock_instead_of_Lock() => Verify.CodeFixAsync<GOSH019MutexMisuseCodeFix>("""
        using GoSharp;

        public partial class Counter
        {
            private readonly RWMutex _rw = new();
            private int _n;

            [Goroutine]
            public int Read()
            {
                _rw.RLock();
                using var _ = Go.Defer({|GOSH019:_rw.RLock|});
                return _n;
            }
        }
        """, """
        using GoSharp;

        public partial class Counter
        {
            private readonly RWMutex _rw = new();
            private int _n;

            [Goroutine]
            public int Read()
            {
                _rw.RLock();
                using var _ = Go.Defer(_rw.RUnlock);
                return _n;
            }
        }
        """);
}
