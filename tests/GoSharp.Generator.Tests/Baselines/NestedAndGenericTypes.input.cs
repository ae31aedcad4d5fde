using System.Text;
using Alias = System.Collections.Generic.Dictionary<string, int>;

namespace Outer.Space
{
    using GoSharp;

    public partial class Container<TKey>
        where TKey : notnull
    {
        internal partial record Inner
        {
            private partial struct Deepest
            {
                [Goroutine]
                internal static Alias Collect<TValue>(Chan<TValue> input, TKey key)
                    where TValue : struct
                {
                    var builder = new StringBuilder();
                    builder.Append(input.Receive());
                    return new Alias { [key.ToString()!] = builder.Length };
                }
            }
        }
    }
}
