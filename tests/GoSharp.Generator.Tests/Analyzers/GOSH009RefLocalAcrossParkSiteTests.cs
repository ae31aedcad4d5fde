using Microsoft.CodeAnalysis.CSharp;
using Verify = GoSharp.Generator.Tests.Support.AnalyzerVerifier<GoSharp.Analyzers.Rewriting.GoroutineBodyAnalyzer>;

namespace GoSharp.Generator.Tests.Analyzers;

public class GOSH009RefLocalAcrossParkSiteTests
{
    [Fact]
    public void Flags_a_span_local_in_a_method_that_parks() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch)
            {
                Span<int> {|GOSH009:buffer|} = stackalloc int[4];
                var {|GOSH009:rest|} = buffer.Slice(1);
                buffer[0] = ch.Receive();
                ch.Send(buffer[0] + rest[0]);
            }
        }
        """);

    [Fact]
    public void Flags_a_span_local_in_a_local_function_that_parks_but_not_in_one_that_does_not() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch)
            {
                int Parks()
                {
                    Span<int> {|GOSH009:buffer|} = stackalloc int[1];
                    buffer[0] = ch.Receive();
                    return buffer[0];
                }

                int Plain()
                {
                    Span<int> buffer = stackalloc int[1];
                    return buffer[0];
                }

                ch.Send(Parks() + Plain());
            }
        }
        """);

    [Fact]
    public void Flags_ref_locals_and_ref_foreach_variables_in_a_method_that_parks() => Verify.Verify("""
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch, int[] values)
            {
                ref int {|GOSH009:first|} = ref values[0];
                ref readonly int {|GOSH009:second|} = ref values[1];
                ch.Send(first + second);
                foreach (ref int {|GOSH009:item|} in values.AsSpan())
                {
                    item++;
                }
            }
        }
        """);

    [Fact]
    public void Flags_a_span_local_in_a_go_statement_that_parks() => Verify.Verify("""
        using System;
        using GoSharp;
        using static GoSharp.Go;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch)
            {
                go(() =>
                {
                    Span<int> {|GOSH009:buffer|} = stackalloc int[1];
                    buffer[0] = ch.Receive();
                });
            }
        }
        """);

    [Fact]
    public void Is_quiet_on_a_span_local_in_a_method_without_park_sites_from_csharp_13() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static int Work(int[] values)
            {
                Span<int> buffer = stackalloc int[4];
                ref int first = ref values[0];
                buffer[0] = first;
                return buffer[0];
            }
        }
        """, LanguageVersion.Preview);

    [Fact]
    public void Before_csharp_13_flags_every_ref_local_since_the_async_twin_cannot_have_any() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static int Work(int[] values)
            {
                Span<int> {|GOSH009:buffer|} = stackalloc int[4];
                ref int {|GOSH009:first|} = ref values[0];
                buffer[0] = first;
                return buffer[0];
            }
        }
        """, LanguageVersion.CSharp12);

    [Fact]
    public void Is_quiet_on_a_span_in_a_helper_called_from_the_goroutine() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch)
            {
                int value = ch.Receive();
                ch.Send(Sum(value));
            }

            static int Sum(int value)
            {
                Span<int> buffer = stackalloc int[4];
                buffer.Fill(value);
                int sum = 0;
                foreach (int x in buffer)
                {
                    sum += x;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public void Is_quiet_on_spans_in_ordinary_lambdas_and_local_functions() => Verify.Verify("""
        using System;
        using GoSharp;
        public static partial class Program
        {
            [Goroutine]
            static void Work(Chan<int> ch)
            {
                Func<int, int> twice = x => { Span<int> s = stackalloc int[1]; s[0] = x * 2; return s[0]; };
                ch.Send(Local(twice(1)));

                static int Local(int x)
                {
                    Span<int> s = stackalloc int[1];
                    s[0] = x;
                    return s[0];
                }
            }
        }
        """);
}
