using System.Text;
using GoSharp.Tests.Support;
using static GoSharp.Go;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go's test/chan/powser1.go, McIlroy's power series over demand channels, ported line by line
/// as goroutine code: every series is a pair of unbuffered channels and a goroutine, and
/// multiplication and exponentiation build ever-growing networks of them (split, getn's
/// four-way select). As in Go, the generators are infinite and are left parked when the test ends.
/// </summary>
public class GoPowser1PortTests
{
    private readonly record struct Rat(long Num, long Den)
    {
        public override string ToString() => Den == 1 ? $"{Num} " : $"{Num}/{Den} ";
    }

    /// <summary>A demand channel: a request on <see cref="Req"/> is answered on <see cref="Dat"/>.</summary>
    private sealed class Dch
    {
        public readonly Chan<int> Req = new();
        public readonly Chan<Rat> Dat = new();
    }

    private sealed class PowerSeries
    {
        private static readonly Rat Zero = Itor(0);
        private static readonly Rat One = Itor(1);
        private static readonly Rat Finis = new(1, 0);

        private int _seqno;

        public PowerSeries()
        {
            Ones = Rep(One);
            Twos = Rep(Itor(2));
        }

        public Dch Ones { get; }

        public Dch Twos { get; }

        private static Dch[] Mkdch2() => [new Dch(), new Dch()];

        // split reads a single demand channel and replicates its output onto two, which may be
        // read at different rates. See the Go original for how the generations hand over.
        private async GoTask Dosplit(Dch input, Dch[] output, Chan<int> wait)
        {
            bool both = false; // do not service both channels
            var first = await SelectAsync(output[0].Req.OnReceive(), wait.OnReceive());
            if (first.Index == 1)
            {
                both = true;
                if ((await SelectAsync(output[0].Req.OnReceive(), output[1].Req.OnReceive())).Index == 1)
                {
                    (output[0], output[1]) = (output[1], output[0]);
                }
            }

            await input.Req.SendAsync(Interlocked.Increment(ref _seqno));
            var release = new Chan<int>();
            go(() => Dosplit(input, output, release));
            Rat dat = await input.Dat.ReceiveAsync();
            await output[0].Dat.SendAsync(dat);
            if (!both)
            {
                await wait.ReceiveAsync();
            }

            await output[1].Req.ReceiveAsync();
            await output[1].Dat.SendAsync(dat);
            await release.SendAsync(0);
        }

        private async GoTask SplitInto(Dch input, Dch[] output)
        {
            var release = new Chan<int>();
            go(() => Dosplit(input, output, release));
            await release.SendAsync(0);
        }

        private static async GoTask Put(Rat dat, Dch output)
        {
            await output.Req.ReceiveAsync();
            await output.Dat.SendAsync(dat);
        }

        public async GoTask<Rat> Get(Dch input)
        {
            await input.Req.SendAsync(Interlocked.Increment(ref _seqno));
            return await input.Dat.ReceiveAsync();
        }

        /// <summary>One rat from each of two demand channels, requests and replies in any order.</summary>
        private async GoTask<Rat[]> Get2(Dch in0, Dch in1)
        {
            Chan<int>?[] req = [in0.Req, in1.Req];
            Chan<Rat>?[] dat = [null, null];
            var output = new Rat[2];
            for (int n = 4; n > 0; n--)
            {
                int seq = Interlocked.Increment(ref _seqno);
                var r = await SelectAsync(req[0].OnSend(seq), req[1].OnSend(seq), dat[0].OnReceive(), dat[1].OnReceive());
                switch (r.Index)
                {
                    case 0:
                        dat[0] = in0.Dat;
                        req[0] = null;
                        break;
                    case 1:
                        dat[1] = in1.Dat;
                        req[1] = null;
                        break;
                    case 2:
                        output[0] = r.Case2.Value;
                        dat[0] = null;
                        break;
                    default:
                        output[1] = r.Case3.Value;
                        dat[1] = null;
                        break;
                }
            }

            return output;
        }

        private async GoTask Copy(Dch input, Dch output)
        {
            while (true)
            {
                await output.Req.ReceiveAsync();
                await output.Dat.SendAsync(await Get(input));
            }
        }

        private static async GoTask Repeat(Rat dat, Dch output)
        {
            while (true)
            {
                await Put(dat, output);
            }
        }

        private static long Gcd(long u, long v) => u < 0 ? Gcd(-u, v) : u == 0 ? v : Gcd(v % u, u);

        private static Rat I2tor(long u, long v)
        {
            long g = Gcd(u, v);
            return v > 0 ? new Rat(u / g, v / g) : new Rat(-u / g, -v / g);
        }

        private static Rat Itor(long u) => I2tor(u, 1);

        private static bool End(Rat u) => u.Den == 0;

        private static Rat Add(Rat u, Rat v)
        {
            long g = Gcd(u.Den, v.Den);
            return I2tor((u.Num * (v.Den / g)) + (v.Num * (u.Den / g)), u.Den * (v.Den / g));
        }

        private static Rat Mul(Rat u, Rat v)
        {
            long g1 = Gcd(u.Num, v.Den);
            long g2 = Gcd(u.Den, v.Num);
            return new Rat(u.Num / g1 * (v.Num / g2), u.Den / g2 * (v.Den / g1));
        }

        private static Rat Neg(Rat u) => I2tor(-u.Num, u.Den);

        private static Rat Sub(Rat u, Rat v) => Add(u, Neg(v));

        private static Rat Inv(Rat u) => u.Num == 0 ? throw new DivideByZeroException("zero divide in inv") : I2tor(u.Den, u.Num);

        /// <summary>Go's printn: n terms, each followed by a space, then a newline.</summary>
        public async GoTask<string> Printn(Dch u, int n)
        {
            var s = new StringBuilder();
            for (; n > 0; n--)
            {
                Rat r = await Get(u);
                if (End(r))
                {
                    break;
                }

                s.Append(r);
            }

            return s.Append('\n').ToString();
        }

        private Dch[] Split(Dch u)
        {
            Dch[] uu = Mkdch2();
            go(() => SplitInto(u, uu));
            return uu;
        }

        public Dch Add(Dch u, Dch v)
        {
            var z = new Dch();
            go(async () =>
            {
                while (true)
                {
                    await z.Req.ReceiveAsync();
                    Rat[] uv = await Get2(u, v);
                    switch ((End(uv[0]) ? 1 : 0) + (End(uv[1]) ? 2 : 0))
                    {
                        case 0:
                            await z.Dat.SendAsync(Add(uv[0], uv[1]));
                            break;
                        case 1:
                            await z.Dat.SendAsync(uv[1]);
                            await Copy(v, z);
                            break;
                        case 2:
                            await z.Dat.SendAsync(uv[0]);
                            await Copy(u, z);
                            break;
                        default:
                            await z.Dat.SendAsync(Finis);
                            break;
                    }
                }
            });
            return z;
        }

        public Dch Cmul(Rat c, Dch u)
        {
            var z = new Dch();
            go(async () =>
            {
                bool done = false;
                while (!done)
                {
                    await z.Req.ReceiveAsync();
                    Rat r = await Get(u);
                    if (End(r))
                    {
                        done = true;
                    }
                    else
                    {
                        await z.Dat.SendAsync(Mul(c, r));
                    }
                }

                await z.Dat.SendAsync(Finis);
            });
            return z;
        }

        public Dch Sub(Dch u, Dch v) => Add(u, Cmul(Neg(One), v));

        public Dch Rep(Rat c)
        {
            var z = new Dch();
            go(() => Repeat(c, z));
            return z;
        }

        /// <summary>The monomial c*x^n, a finite series.</summary>
        public Dch Mon(Rat c, int n)
        {
            var z = new Dch();
            go(async () =>
            {
                if (c.Num != 0)
                {
                    for (; n > 0; n--)
                    {
                        await Put(Zero, z);
                    }

                    await Put(c, z);
                }

                await Put(Finis, z);
            });
            return z;
        }

        private Dch Shift(Rat c, Dch u)
        {
            var z = new Dch();
            go(async () =>
            {
                await Put(c, z);
                await Copy(u, z);
            });
            return z;
        }

        // Multiply: let U = u + x*UU, V = v + x*VV; then UV = u*v + x*(u*VV+v*UU) + x*x*UU*VV.
        public Dch Mul(Dch u, Dch v)
        {
            var z = new Dch();
            go(async () =>
            {
                await z.Req.ReceiveAsync();
                Rat[] uv = await Get2(u, v);
                if (End(uv[0]) || End(uv[1]))
                {
                    await z.Dat.SendAsync(Finis);
                }
                else
                {
                    await z.Dat.SendAsync(Mul(uv[0], uv[1]));
                    Dch[] uu = Split(u);
                    Dch[] vv = Split(v);
                    Dch w = Add(Cmul(uv[0], vv[0]), Cmul(uv[1], uu[0]));
                    await z.Req.ReceiveAsync();
                    await z.Dat.SendAsync(await Get(w));
                    await Copy(Add(w, Mul(uu[1], vv[1])), z);
                }
            });
            return z;
        }

        public Dch Diff(Dch u)
        {
            var z = new Dch();
            go(async () =>
            {
                await z.Req.ReceiveAsync();
                Rat r = await Get(u);
                if (!End(r))
                {
                    bool done = false;
                    for (int i = 1; !done; i++)
                    {
                        r = await Get(u);
                        if (End(r))
                        {
                            done = true;
                        }
                        else
                        {
                            await z.Dat.SendAsync(Mul(Itor(i), r));
                            await z.Req.ReceiveAsync();
                        }
                    }
                }

                await z.Dat.SendAsync(Finis);
            });
            return z;
        }

        public Dch Integ(Rat c, Dch u)
        {
            var z = new Dch();
            go(async () =>
            {
                await Put(c, z);
                bool done = false;
                for (int i = 1; !done; i++)
                {
                    await z.Req.ReceiveAsync();
                    Rat r = await Get(u);
                    if (End(r))
                    {
                        done = true;
                    }

                    await z.Dat.SendAsync(Mul(I2tor(1, i), r));
                }

                await z.Dat.SendAsync(Finis);
            });
            return z;
        }

        // Reciprocal: ZZ = -UU*(z+x*ZZ)/u with z = 1/u.
        public Dch Recip(Dch u)
        {
            var z = new Dch();
            go(async () =>
            {
                Dch[] zz = Mkdch2();
                await z.Req.ReceiveAsync();
                Rat r = Inv(await Get(u));
                await z.Dat.SendAsync(r);
                await SplitInto(Mul(Cmul(Neg(r), u), Shift(r, zz[0])), zz);
                await Copy(zz[1], z);
            });
            return z;
        }

        // Exponential of a series with constant term 0: DZ = Z*DU, integrated.
        public async GoTask<Dch> Exp(Dch u)
        {
            Dch[] zz = Mkdch2();
            await SplitInto(Integ(One, Mul(zz[0], Diff(u))), zz);
            return zz[1];
        }

        // Monomial substitution U(c x^n): each term times c^i, followed by n-1 zeros.
        public Dch MonSubst(Dch u, Rat c0, int n)
        {
            var z = new Dch();
            go(async () =>
            {
                Rat c = One;
                while (true)
                {
                    await z.Req.ReceiveAsync();
                    Rat r = await Get(u);
                    await z.Dat.SendAsync(Mul(r, c));
                    c = Mul(c, c0);
                    if (End(r))
                    {
                        await z.Dat.SendAsync(Finis);
                        break;
                    }

                    for (int i = 1; i < n; i++)
                    {
                        await z.Req.ReceiveAsync();
                        await z.Dat.SendAsync(Zero);
                    }
                }
            });
            return z;
        }

        public static Rat R(long num, long den = 1) => I2tor(num, den);

        public static Rat MinusOne => Neg(One);

        public static Rat Nothing => Zero;
    }

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
