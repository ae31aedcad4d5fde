using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GoroutineBodyAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH006ParkInLockTests
{
    [Fact]
    public void Flags_blocking_operations_inside_lock_and_exception_filters() => Verify.Verify("""
        using GoSharp;
        public partial class Program
        {
            private readonly object _gate = new();

            [Goroutine]
            void Work(Chan<int> ch)
            {
                lock (_gate)
                {
                    {|GOSH006:ch.Send(1)|};
                    {|GOSH006:foreach|} (var x in ch) { }
                }

                try { }
                catch (System.Exception) when ({|GOSH006:ch.Receive()|} == 1) { }
            }
        }
        """);

    [Fact]
    public void Is_quiet_on_a_lock_without_park_sites_and_on_go_statements_inside_a_lock() => Verify.Verify("""
        using GoSharp;
        using static GoSharp.Go;
        public partial class Program
        {
            private readonly object _gate = new();
            private int _count;

            [Goroutine]
            void Work(Chan<int> ch)
            {
                lock (_gate)
                {
                    _count++;
                    ch.TrySend(1);
                    go(() => { ch.Send(2); });
                }

                ch.Send(_count);
            }
        }
        """);

    [Fact]
    public void Flags_a_park_site_behind_a_null_conditional_access_but_not_a_tested_one() => Verify.Verify("""
        using GoSharp;
        public partial class Program
        {
            [Goroutine]
            int Work(Chan<int>? ch, Chan<int>? done)
            {
                int? v = ch?{|GOSH006:.Receive()|};
                done?.TrySend(1);
                if (ch is not null)
                {
                    v = ch.Receive();
                }

                return v ?? 0;
            }
        }
        """);
}
