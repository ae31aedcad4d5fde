using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GoSharp;

/// <summary>
/// One case of a <c>select</c>: a send, a receive, or <see cref="Go.Default"/>. Created by
/// <c>ch.OnSend(v)</c>, <c>ch.OnReceive(out var r)</c> or <c>ch.OnReceive()</c> and passed straight
/// to <see cref="Go.Select{T0, T1}(SelectCase{T0}, SelectCase{T1})"/>; a receive case writes the
/// value into the caller's variable only if it is the case chosen. A case on a nil channel is
/// never ready, as in Go.
/// </summary>
/// <typeparam name="T">The channel's element type.</typeparam>
public ref struct SelectCase<T>
{
    internal readonly Chan<T>? chan;
    internal readonly ref Received<T> target;
    internal readonly T value;
    internal readonly SelectCaseKind kind;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SelectCase(Chan<T>? chan, ref Received<T> target, T value, SelectCaseKind kind)
    {
        this.chan = chan;
        this.target = ref target;
        this.value = value;
        this.kind = kind;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SelectCase<T> Send(Chan<T>? chan, T value) =>
        new(chan, ref System.Runtime.CompilerServices.Unsafe.NullRef<Received<T>>(), value, SelectCaseKind.Send);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SelectCase<T> Receive(Chan<T>? chan, [UnscopedRef] out Received<T> target)
    {
        target = default;
        return new SelectCase<T>(chan, ref target, default!, SelectCaseKind.Receive);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SelectCase<T> Receive(Chan<T>? chan) =>
        new(chan, ref System.Runtime.CompilerServices.Unsafe.NullRef<Received<T>>(), default!, SelectCaseKind.Receive);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SelectCase<T> Default() =>
        new(null, ref System.Runtime.CompilerServices.Unsafe.NullRef<Received<T>>(), default!, SelectCaseKind.Default);

    /// <summary>True for a case that stores what it receives into a caller's variable.</summary>
    internal readonly bool HasTarget => !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref target);
}

/// <summary>The element type of <see cref="Go.Default"/> and of unused select slots.</summary>
public readonly struct SelectDefault
{
}

internal enum SelectCaseKind : byte
{
    /// <summary>An unused slot.</summary>
    None,
    Receive,
    Send,
    Default,
}

/// <summary>
/// Select cases on channels. These are extension methods so that, as in Go, a case on a nil
/// (null) channel is allowed and is simply never ready: set a channel variable to null to switch
/// its case off.
/// </summary>
public static class SelectCaseExtensions
{
    /// <summary>A case receiving from <paramref name="chan"/> into <paramref name="received"/> (Go's <c>case v, ok := &lt;-ch:</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectCase<T> OnReceive<T>(this Chan<T>? chan, [UnscopedRef] out Received<T> received) =>
        SelectCase<T>.Receive(chan, out received);

    /// <summary>A case receiving from <paramref name="chan"/> and discarding the value (Go's <c>case &lt;-ch:</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectCase<T> OnReceive<T>(this Chan<T>? chan) => SelectCase<T>.Receive(chan);

    /// <summary>A case sending <paramref name="value"/> on <paramref name="chan"/> (Go's <c>case ch &lt;- v:</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SelectCase<T> OnSend<T>(this Chan<T>? chan, T value) => SelectCase<T>.Send(chan, value);
}
