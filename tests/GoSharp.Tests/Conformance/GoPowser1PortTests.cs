using System.Text;
using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

public partial class GoPowser1PortTests
{
    /// <summary>powser1.go's print mode: the output of Go 1.19 running <c>go run powser1.go print</c>, to the character.</summary>
    [Fact]
    public void Powser1_prints_what_Go_prints()
    {
        using var _ = MaxProcs.Set(2);
        string output = Deadline.RunFor(() => Run(async () =>
        {
            var ps = new PowerSeries();
            var s = new StringBuilder();
            s.Append("Ones: ").Append(await ps.Printn(ps.Ones, 10));
            s.Append("Twos: ").Append(await ps.Printn(ps.Twos, 10));
            s.Append("Add: ").Append(await ps.Printn(ps.Add(ps.Ones, ps.Twos), 10));
            s.Append("Diff: ").Append(await ps.Printn(ps.Diff(ps.Ones), 10));
            s.Append("Integ: ").Append(await ps.Printn(ps.Integ(PowerSeries.Nothing, ps.Ones), 10));
            s.Append("CMul: ").Append(await ps.Printn(ps.Cmul(PowerSeries.MinusOne, ps.Ones), 10));
            s.Append("Sub: ").Append(await ps.Printn(ps.Sub(ps.Ones, ps.Twos), 10));
            s.Append("Mul: ").Append(await ps.Printn(ps.Mul(ps.Ones, ps.Ones), 10));
            s.Append("Exp: ").Append(await ps.Printn(await ps.Exp(ps.Ones), 15));
            s.Append("MonSubst: ").Append(await ps.Printn(ps.MonSubst(ps.Ones, PowerSeries.MinusOne, 2), 10));
            s.Append("ATan: ").Append(await ps.Printn(ps.Integ(PowerSeries.Nothing, ps.MonSubst(ps.Ones, PowerSeries.MinusOne, 2)), 10));
            return s.ToString();
        }));

        Assert.Equal(
            """
            Ones: 1 1 1 1 1 1 1 1 1 1 
            Twos: 2 2 2 2 2 2 2 2 2 2 
            Add: 3 3 3 3 3 3 3 3 3 3 
            Diff: 1 2 3 4 5 6 7 8 9 10 
            Integ: 0 1 1/2 1/3 1/4 1/5 1/6 1/7 1/8 1/9 
            CMul: -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 
            Sub: -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 
            Mul: 1 2 3 4 5 6 7 8 9 10 
            Exp: 1 1 3/2 13/6 73/24 167/40 4051/720 37633/5040 43817/4480 4596553/362880 58941091/3628800 274691047/13305600 12470162233/479001600 202976401213/6227020800 1178339174801/29059430400 
            MonSubst: 1 0 -1 0 1 0 -1 0 1 0 
            ATan: 0 1 0 -1/3 0 1/5 0 -1/7 0 1/9 

            """.ReplaceLineEndings("\n"),
            output);
    }

    /// <summary>powser1.go's test mode, and the reciprocal it defines but does not check: 1/(1-x) * (1-x) is 1.</summary>
    [Fact]
    public void Powser1_checks_and_the_reciprocal()
    {
        using var _ = MaxProcs.Set(2);
        Deadline.Run(() => Run(async () =>
        {
            var ps = new PowerSeries();
            async GoTask Check(Dch u, Rat c, int count, string what)
            {
                for (int i = 0; i < count; i++)
                {
                    Assert.True(c == await ps.Get(u), what);
                }
            }

            await Check(ps.Ones, PowerSeries.R(1), 5, "Ones");
            await Check(ps.Cmul(PowerSeries.MinusOne, ps.Twos), PowerSeries.R(-2), 10, "CMul");

            Rat[] exp = [PowerSeries.R(1), PowerSeries.R(1), PowerSeries.R(3, 2), PowerSeries.R(13, 6), PowerSeries.R(73, 24),
                PowerSeries.R(167, 40), PowerSeries.R(4051, 720), PowerSeries.R(37633, 5040), PowerSeries.R(43817, 4480), PowerSeries.R(4596553, 362880)];
            Dch e = await ps.Exp(ps.Ones);
            foreach (Rat r in exp)
            {
                await Check(e, r, 1, "Exp");
            }

            // 1 - x has the reciprocal 1 + x + x^2 + ... = Ones.
            Dch oneMinusX = ps.Add(ps.Mon(PowerSeries.R(1), 0), ps.Mon(PowerSeries.MinusOne, 1));
            await Check(ps.Recip(oneMinusX), PowerSeries.R(1), 10, "Recip");
        }));
    }
}
