using GoSharp.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A receive-only view of a channel: Go's <c>&lt;-chan T</c>. Converts implicitly from
/// <see cref="Chan{T}"/> at no cost. The default value is a nil channel: receiving from it blocks
/// forever and its select case is never ready.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct ReceiveOnlyChan<T>
{
    internal readonly Chan<T>? chan;

    /// <summary>Wraps <paramref name="chan"/>.</summary>
    public ReceiveOnlyChan(Chan<T>? chan)
    {
        this.chan = chan;
    }

    /// <summary>True for the nil channel.</summary>
    public bool IsNil => chan is null;

    /// <summary>Buffered values (Go's <c>len</c>); 0 for the nil channel.</summary>
    public int Len => chan?.Len ?? 0;

    /// <summary>Buffer size (Go's <c>cap</c>); 0 for the nil channel.</summary>
    public int Cap => chan?.Cap ?? 0;

    /// <summary>Converts a channel to its receive-only view.</summary>
    public static implicit operator ReceiveOnlyChan<T>(Chan<T>? chan) => new(chan);

    /// <summary>See <see cref="Chan{T}.Receive"/>.</summary>
    [AwaitableForm(nameof(ReceiveAsync))]
    public T Receive() => ReceiveWithOk().Value;

    /// <summary>See <see cref="Chan{T}.ReceiveWithOk"/>.</summary>
    [AwaitableForm(nameof(ReceiveWithOkAsync))]
    public Received<T> ReceiveWithOk()
    {
        if (chan is null)
        {
            ThreadWait.BlockForever(WaitReason.ChanReceiveNilChan);
        }

        return chan!.ReceiveWithOk();
    }

    /// <summary>See <see cref="Chan{T}.ReceiveAsync"/>.</summary>
    public Chan<T>.ReceiveAwaitable ReceiveAsync() => new(chan!);

    /// <summary>See <see cref="Chan{T}.ReceiveWithOkAsync"/>.</summary>
    public Chan<T>.ReceiveWithOkAwaitable ReceiveWithOkAsync() => new(chan!);

    /// <summary>See <see cref="Chan{T}.TryReceive(out T)"/>; false on the nil channel.</summary>
    public bool TryReceive(out T value)
    {
        value = default!;
        return chan is not null && chan.TryReceive(out value);
    }

    /// <summary>See <see cref="Chan{T}.TryReceiveWithOk(out Received{T})"/>; false on the nil channel.</summary>
    public bool TryReceiveWithOk(out Received<T> received)
    {
        received = default;
        return chan is not null && chan.TryReceiveWithOk(out received);
    }

    /// <summary>A select case receiving into <paramref name="received"/>; never ready on the nil channel.</summary>
    public SelectCase<T> OnReceive([UnscopedRef] out Received<T> received) => SelectCase<T>.Receive(chan, out received);

    /// <summary>A select case receiving a value that is discarded; never ready on the nil channel.</summary>
    public SelectCase<T> OnReceive() => SelectCase<T>.Receive(chan);

    /// <summary>Ranges over the channel until it is closed (blocking).</summary>
    [AwaitableForm(nameof(GetAsyncEnumerator))]
    public Chan<T>.Enumerator GetEnumerator() => (chan ?? new Chan<T>()).GetEnumerator();

    /// <summary>Ranges over the channel in goroutine code (<c>await foreach</c>).</summary>
    public Chan<T>.AsyncEnumerator GetAsyncEnumerator() => (chan ?? new Chan<T>()).GetAsyncEnumerator();

    /// <inheritdoc/>
    public override string ToString() => chan is null ? "nil <-chan" : $"<-chan {chan}";
}
