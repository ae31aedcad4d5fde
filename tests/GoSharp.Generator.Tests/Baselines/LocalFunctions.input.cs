using System.Collections.Generic;
using GoSharp;

namespace Samples;

public static partial class LocalFunctions
{
    [Goroutine]
    public static int Pipeline(Chan<int> input, Chan<int> output)
    {
        int total = 0;

        // Parks: becomes an async local function, its calls awaited.
        int Next() => input.Receive();

        void Emit(int value)
        {
            output.Send(value);
            total += value;
        }

        // Parks only through Next and Emit.
        static T Identity<T>(T value) => value;
        int Pair() => Next() + Identity(Next());

        // Does not park: stays as it is.
        int Square(int x) => x * x;

        // Escapes as a delegate: stays synchronous (GOSH007 on its receive).
        int Peek() => input.Receive();
        System.Func<int> peek = Peek;

        // A delegate local only ever called: becomes an async local function too.
        System.Func<int, int> scaled = factor => Next() * factor;
        System.Action<int> emitTwice = value =>
        {
            Emit(value);
            Emit(value);
        };

        emitTwice.Invoke(scaled(2));
        Emit(Square(Pair()));
        for (int i = 0; i < 3; i++)
        {
            Emit(Next());
        }

        return total + peek();
    }
}
