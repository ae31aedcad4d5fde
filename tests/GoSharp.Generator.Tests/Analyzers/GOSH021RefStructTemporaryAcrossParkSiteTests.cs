using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GoroutineBodyAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH021RefStructTemporaryAcrossParkSiteTests
{
    [Fact]
    public void Flags_a_park_site_after_a_span_that_cannot_be_evaluated_first() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static int Work(Chan<byte> ch, Memory<byte> m, Func<int> next)
            {
                m.Span[next()] = {|GOSH021:ch.Receive()|};                 // next() runs before the receive
                int first = Read(m.Span, {|GOSH021:ch.Receive()|});        // a local declaration
                while (Read(m.Span, {|GOSH021:ch.Receive()|}) > 0) { }     // a loop condition
                m.Span[0] = first > 0 ? {|GOSH021:ch.Receive()|} : (byte)0; // a branch that might not run
                return first;
            }

            static int Read(ReadOnlySpan<byte> span, byte value) => span.IndexOf(value);
        }
        """);

    [Fact]
    public void Does_not_flag_park_sites_the_twin_evaluates_first_or_that_follow_no_ref_struct() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static int Work(Chan<byte> ch, Memory<byte> m, byte[] array)
            {
                m.Span[0] = ch.Receive();
                m.Span.Slice(1).Fill(ch.Receive());
                m.Span[ch.Receive() % 2] = ch.Receive();
                if (Read(m.Span, ch.Receive()) > 0) return 1;
                array[0] = ch.Receive();
                int value = m.Span[0] + ch.Receive();
                return value;
            }

            static int Read(ReadOnlySpan<byte> span, byte value) => span.IndexOf(value);
        }
        """);
}
