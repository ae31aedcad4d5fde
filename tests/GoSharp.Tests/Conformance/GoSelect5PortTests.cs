using GoSharp.Tests.Support;

namespace GoSharp.Tests.Conformance;

/// <summary>
/// Go's test/chan/select5.go: every combination of one real send or receive, phrased as a plain
/// operation or as a select among dummy cases on a channel nobody uses, cases on a nil channel,
/// and a default before or after the real case. Go generates one function per combination; here
/// the same enumeration (Go's <c>choose</c>/<c>next</c>) drives one select call per combination,
/// in the blocking form and the awaited form, and checks that the right case fires with the
/// right value, that nothing else is touched, and that case expressions are evaluated once, in order.
/// </summary>
public class GoSelect5PortTests
{
    /// <summary>Go's enumeration of all paths through code that calls <see cref="Choose"/>.</summary>
    private sealed class Paths
    {
        private readonly List<(int I, int N)> _choices = [];
        private int _cp = -1;
        private bool _def;

        public int Count { get; private set; }

        public bool Maybe() => Choose(2) == 0;

        /// <summary>A default at most once per select.</summary>
        public bool MaybeDefault()
        {
            if (_def)
            {
                return false;
            }

            _def = Maybe();
            return _def;
        }

        public bool MustDefault() => !_def;

        public int Choose(int n)
        {
            if (_cp >= _choices.Count)
            {
                _choices.Add((0, n)); // never asked this before: start with 0
                _cp = _choices.Count;
                return 0;
            }

            Assert.True(n == _choices[_cp].N, "inconsistent choices");
            return _choices[_cp++].I;
        }

        public bool Next()
        {
            _def = false;
            if (_cp < 0)
            {
                _cp = 0;
                Count++;
                return true;
            }

            _cp = _choices.Count - 1;
            while (_cp >= 0 && _choices[_cp].I == _choices[_cp].N - 1)
            {
                _cp--;
            }

            if (_cp < 0)
            {
                _choices.Clear();
                return false;
            }

            _choices[_cp] = (_choices[_cp].I + 1, _choices[_cp].N);
            _choices.RemoveRange(_cp + 1, _choices.Count - _cp - 1);
            _cp = 0;
            Count++;
            return true;
        }
    }

    private enum Slot
    {
        Default,
        ReceiveInto,  // case x = <-c (into a variable)
        Receive,      // case y := <-c, the value taken from the select's result
        Send,         // case c <- n
        DummySend,
        DummyReceive,
        DummyReceiveInto,
        NilSend,
        NilReceive,
        NilReceiveInto,
    }

    private delegate SelectCase<int> CaseMaker(int slot);

    /// <summary>The state of Go's generated program: a one-slot channel, a nil one, one nobody uses.</summary>
    private sealed class Program
    {
        public readonly Chan<int> C = new(1);
        public readonly Chan<int>? Nilch = null;
        public readonly Chan<int> Dummy = new();
        public int N = 1;
        public int X;
        public Received<int> Into;
        public Received<int> Untouched;
        private int _order;

        /// <summary>Go's checkorder: successive evaluations of case expressions must come in increasing order.</summary>
        private T InOrder<T>(T value, int o)
        {
            Assert.True(o > _order, $"invalid order {o} after {_order}");
            _order = o;
            return value;
        }

        /// <summary>Runs the select: evaluates the cases left to right, checking the order, and returns the index and what the receive got.</summary>
        public async GoTask<(int Index, Received<int> Got)> Select(List<Slot> slots, bool parked)
        {
            _order = 0;
            Into = default;
            Untouched = default;
            int o = 0;
            CaseMaker make = i => slots[i] switch
            {
                Slot.Default => SelectCase<int>.Default(), // the untyped form of Go.Default, so one maker fits every slot
                Slot.ReceiveInto => InOrder(C, ++o).OnReceive(out Into),
                Slot.Receive => InOrder(C, ++o).OnReceive(),
                Slot.Send => InOrder(C, ++o).OnSend(InOrder(N, ++o)),
                Slot.DummySend => InOrder(Dummy, ++o).OnSend(InOrder(1, ++o)),
                Slot.DummyReceive => InOrder(Dummy, ++o).OnReceive(),
                Slot.DummyReceiveInto => InOrder(Dummy, ++o).OnReceive(out Untouched),
                Slot.NilSend => InOrder(Nilch, ++o).OnSend(InOrder(1, ++o)),
                Slot.NilReceive => InOrder(Nilch, ++o).OnReceive(),
                _ => InOrder(Nilch, ++o).OnReceive(out Untouched),
            };

            return parked ? await Awaited(slots.Count, make) : (Blocking(slots.Count, make), Into);
        }

        private static int Blocking(int n, CaseMaker m) => n switch
        {
            1 => Go.Select(m(0)),
            2 => Go.Select(m(0), m(1)),
            3 => Go.Select(m(0), m(1), m(2)),
            4 => Go.Select(m(0), m(1), m(2), m(3)),
            5 => Go.Select(m(0), m(1), m(2), m(3), m(4)),
            6 => Go.Select(m(0), m(1), m(2), m(3), m(4), m(5)),
            7 => Go.Select(m(0), m(1), m(2), m(3), m(4), m(5), m(6)),
            _ => Go.Select(m(0), m(1), m(2), m(3), m(4), m(5), m(6), m(7)),
        };

        private async GoTask<(int, Received<int>)> Awaited(int n, CaseMaker m) => n switch
        {
            1 => Result(await Go.SelectAsync(m(0))),
            2 => Result(await Go.SelectAsync(m(0), m(1))),
            3 => Result(await Go.SelectAsync(m(0), m(1), m(2))),
            4 => Result(await Go.SelectAsync(m(0), m(1), m(2), m(3))),
            5 => Result(await Go.SelectAsync(m(0), m(1), m(2), m(3), m(4))),
            6 => Result(await Go.SelectAsync(m(0), m(1), m(2), m(3), m(4), m(5))),
            7 => Result(await Go.SelectAsync(m(0), m(1), m(2), m(3), m(4), m(5), m(6))),
            _ => Result(await Go.SelectAsync(m(0), m(1), m(2), m(3), m(4), m(5), m(6), m(7))),
        };

        /// <summary>The chosen case's value: from the result, or from the variable a receive-into case filled.</summary>
        private (int, Received<int>) Result<T0, T1, T2, T3, T4, T5, T6, T7>(SelectResult<T0, T1, T2, T3, T4, T5, T6, T7> r)
        {
            object got = r.Index switch
            {
                0 => r.Case0,
                1 => r.Case1,
                2 => r.Case2,
                3 => r.Case3,
                4 => r.Case4,
                5 => r.Case5,
                6 => r.Case6,
                _ => r.Case7,
            };
            return (r.Index, got is Received<int> { Ok: true } value ? value : Into);
        }

        /// <summary>Go's tail of every template: x must be n, and nothing but the real case was touched.</summary>
        public void Check(Paths paths)
        {
            Assert.True(X == N, $"combination {paths.Count}: have {X}, want {N}");
            Assert.False(Untouched.Ok, "a receive case that was not chosen stored a value");
            Assert.Equal(0, C.Len);
            N++;
        }
    }

    private static int IndexOf(List<Slot> slots, params Slot[] wanted) => slots.FindIndex(s => wanted.Contains(s));

    /// <summary>Go's optional dummy and nil cases, after the real one.</summary>
    private static void AddDistractions(Paths a, List<Slot> slots)
    {
        if (a.MaybeDefault())
        {
            slots.Add(Slot.Default);
        }

        foreach (Slot s in new[] { Slot.DummySend, Slot.DummyReceive, Slot.NilSend, Slot.NilReceive })
        {
            if (a.Maybe())
            {
                slots.Add(s);
            }
        }
    }

    // Send n, receive it one way or another into x.
    private static async GoTask Recv(Paths a, Program p, bool parked)
    {
        await p.C.SendAsync(p.N);
        if (a.Maybe())
        {
            p.X = parked ? await p.C.ReceiveAsync() : p.C.Receive();
        }
        else
        {
            var slots = new List<Slot>();
            if (a.MaybeDefault())
            {
                slots.Add(Slot.Default); // the default before the receive...
            }

            bool into = a.Maybe();
            slots.Add(into || !parked ? Slot.ReceiveInto : Slot.Receive); // a blocking select only has the variable

            AddDistractions(a, slots);   // ...or after it
            var (index, got) = await p.Select(slots, parked);
            Assert.Equal(IndexOf(slots, Slot.Receive, Slot.ReceiveInto), index);
            Assert.True(got.Ok);
            p.X = got.Value;
        }

        p.Check(a);
    }

    // Send n one way or another, receive it into x.
    private static async GoTask Send(Paths a, Program p, bool parked)
    {
        if (a.Maybe())
        {
            await p.C.SendAsync(p.N);
        }
        else
        {
            var slots = new List<Slot>();
            if (a.MaybeDefault())
            {
                slots.Add(Slot.Default);
            }

            slots.Add(Slot.Send);
            AddDistractions(a, slots);
            var (index, _) = await p.Select(slots, parked);
            Assert.Equal(IndexOf(slots, Slot.Send), index);
        }

        p.X = p.C.Receive();
        p.Check(a);
    }

    // Non-blocking operations that can never proceed: only the default may be chosen, and no
    // receive may write into its variable.
    private static async GoTask Nonblock(Paths a, Program p, bool parked)
    {
        p.X = p.N;
        var slots = new List<Slot>();
        if (a.MaybeDefault())
        {
            slots.Add(Slot.Default);
        }

        foreach (Slot s in new[] { Slot.DummySend, Slot.NilSend, Slot.DummyReceive, Slot.DummyReceiveInto, Slot.NilReceive, Slot.NilReceiveInto })
        {
            if (a.Maybe())
            {
                slots.Add(s);
            }
        }

        if (a.MustDefault())
        {
            slots.Add(Slot.Default);
        }

        var (index, _) = await p.Select(slots, parked);
        Assert.Equal(IndexOf(slots, Slot.Default), index);
        p.Check(a);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Select5_every_combination_takes_the_one_real_case(bool parked)
    {
        int combinations = Deadline.RunFor(() => Go.Run(async () =>
        {
            var p = new Program();
            int total = 0;
            foreach (Func<Paths, Program, bool, GoTask> template in new Func<Paths, Program, bool, GoTask>[] { Recv, Send, Nonblock })
            {
                var a = new Paths();
                while (a.Next())
                {
                    await template(a, p, parked);
                }

                total += a.Count;
            }

            Assert.Equal(total + 1, p.N);
            return total;
        }));

        // recv: 1 plain + 2 forms x (2 default places + none) x 16 distractions; send: 1 + 3 x 16; nonblock: 2 x 64.
        Assert.Equal(1 + (2 * 3 * 16) + 1 + (3 * 16) + (2 * 64), combinations);
    }
}
