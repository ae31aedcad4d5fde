using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GoSharp;

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
