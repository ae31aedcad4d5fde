using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH019MutexMisuseAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH019MutexMisuseTests
{
    [Fact]
    public Task Flags_empty_critical_sections_deferred_locks_and_unpaired_unlocks() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public partial class Counter
        {
            private readonly GoSharp.Mutex _mu = new();
            private readonly RWMutex _rw = new();
            private int _n;

            [Goroutine]
            public void Empty()
            {
                {|GOSH019:_mu.Lock();|}
                _mu.Unlock();
                {|GOSH019:_rw.RLock();|}
                _rw.RUnlock();
            }

            [Goroutine]
            public void DeferredLock()
            {
                _mu.Lock();
                using var _ = Defer({|GOSH019:_mu.Lock|});
                _n++;
            }

            public void Unpaired()
            {
                var mu = new GoSharp.Mutex();
                {|GOSH019:mu.Unlock()|};
            }
        }
        """);

    [Fact]
    public Task Is_quiet_on_correct_locking_and_on_unlocks_the_caller_may_pair() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public partial class Counter
        {
            private readonly GoSharp.Mutex _mu = new();
            private readonly RWMutex _rw = new();
            private int _n;

            [Goroutine]
            public void Correct()
            {
                _mu.Lock();
                using var _ = Defer(_mu.Unlock);
                _n++;
            }

            [Goroutine]
            public int Read()
            {
                _rw.RLock();
                int n = _n;
                _rw.RUnlock();
                return n;
            }

            // The caller locked it: a field or parameter is not judged.
            public void UnlockForCaller(GoSharp.Mutex held)
            {
                _mu.Unlock();
                held.Unlock();
            }

            public void LockedThenUnlocked()
            {
                var mu = new GoSharp.Mutex();
                if (mu.TryLock())
                {
                    mu.Unlock();
                }
            }
        }
        """);
}
