using GoSharp.Generator.Tests.Support;
using static GoSharp.Generator.Tests.Support.OriginalVersusTwin;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Park sites after a ref struct temporary of their statement (<c>m.Span[0] = c.Receive();</c>):
/// the twin evaluates them first, in order, and behaves as the original; where that would change
/// what the user's code observes, GOSH021 says so and the twin runs the original body, which still
/// compiles and behaves as the original.
/// </summary>
[Collection(SchedulerBound.Name)]
public class ParkSiteSpillTests
{
    [Fact]
    public void Park_sites_after_spans_of_their_statement_are_evaluated_first_and_behave_as_the_original()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var c = new Chan<byte>(16);
                for (int i = 1; i <= 12; i++) c.Send((byte)(n + i));
                Memory<byte> m = new byte[8];
                byte[] array = new byte[4];
                m.Span[0] = c.Receive();                         // the element of a span being assigned
                m.Span[1] += c.Receive();                        // compound assignment
                m.Span.Slice(2).Fill(c.Receive());               // the receiver of a call
                Write(m.Span, 7, c.Receive());                   // an earlier argument
                m.Span[c.Receive() % 2] = c.Receive();           // two park sites, in order
                array[0] = c.Receive();                          // an array element: no ref struct
                int sum = m.Span[3] + c.Receive();               // a value read out of a span first: no ref struct
                if (Contains(m.Span, c.Receive())) sum += 100;   // an if condition
                return string.Join(",", m.ToArray()) + ";" + array[0] + ";" + sum;
            }

            static void Write(Span<byte> span, int index, byte value) => span[index] = value;

            static bool Contains(ReadOnlySpan<byte> span, byte value) => span.IndexOf(value) >= 0;
            """);

        string[] results = AssertSameAsOriginal(source, [0, 1, 5]);
        Assert.Equal("1,6,3,3,3,3,3,4;7;11", results[0]);
        string twin = Twins(source);
        Assert.DoesNotContain("Not rewritten", twin);
        Assert.Contains("{ var __goPark0 = await ", twin);
        Assert.Contains("var __goPark5 = await ", twin);
        Assert.Contains("m.Span[__goPark4 % 2] = __goPark5; }", twin);
    }

    [Fact]
    public void A_park_site_that_cannot_move_before_its_ref_struct_gets_GOSH021_and_a_twin_that_runs_the_original()
    {
        string source = Program("""
            [Goroutine]
            static string Case(int n)
            {
                var c = new Chan<int>(4);
                c.Send(n); c.Send(n + 1);
                Memory<int> m = new int[2];
                m.Span[0] = Next(ref n) + c.Receive();           // Next runs before the receive: it cannot move
                return m.Span[0] + "," + n;
            }

            static int Next(ref int n) => ++n;
            """);

        Assert.Equal(["1,1", "3,2"], AssertSameAsOriginal(source, [0, 1]));
        Assert.Contains("// Not rewritten (GOSH021: 'Receive' follows a ref struct value of its statement and cannot be evaluated before it: 'Next(ref n)' is evaluated before it and may have side effects)", Twins(source));
    }
}
