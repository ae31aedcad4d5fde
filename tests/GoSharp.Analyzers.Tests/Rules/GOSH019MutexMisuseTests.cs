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

    /// <summary>staticcheck's SA2001 and SA2003 quiet cases, and a captured mutex unlocked by the code it is handed to.</summary>
    [Fact]
    public Task Is_quiet_for_the_cases_staticcheck_accepts() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public sealed class NotAMutex
        {
            public int Lock() => 0;

            public void Unlock() { }
        }

        public partial class Counter
        {
            private readonly GoSharp.Mutex _r = new();
            private readonly RWMutex _rw = new();
            private int _n;

            public void SomethingBetween()
            {
                _r.Lock();
                _n++;
                _r.Unlock();
            }

            public void DeferNotRightAfterALock()
            {
                Console.WriteLine("");
                using var _ = Defer(_r.Lock);
            }

            public void ReadLockThenDeferredWriteLock()
            {
                _rw.RLock();
                using var _ = Defer(_rw.Lock);
            }

            public void AnotherMutex()
            {
                _r.Lock();
                using var _ = Defer(_rw.Lock);
            }

            public void NotGoSharps(NotAMutex t)
            {
                t.Lock();
                t.Unlock();
            }

            [Goroutine]
            public void HandedToAGoroutine(Chan<bool> done)
            {
                var mu = new GoSharp.Mutex();
                mu.Lock();
                go(() => { mu.Unlock(); done.Send(true); });
                void Release() => mu.Unlock();
                mu.Lock();
                Release();
                done.Receive();
            }
        }
        """);
}
