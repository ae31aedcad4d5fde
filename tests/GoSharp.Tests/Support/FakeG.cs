using GoSharp.Runtime;

namespace GoSharp.Tests.Support;

/// <summary>A stand-in goroutine for tests of the scheduler's data structures: never run.</summary>
internal sealed class FakeG : G
{
    public readonly int Index;

    public FakeG(int index)
    {
        Index = index;
    }

    internal override string EntryName => "fake";

    internal override void MoveNext() => throw new InvalidOperationException("fake goroutines never run");

    public static FakeG[] Make(int n) => Enumerable.Range(0, n).Select(i => new FakeG(i)).ToArray();
}
