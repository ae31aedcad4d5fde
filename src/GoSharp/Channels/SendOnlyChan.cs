using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A send-only view of a channel: Go's <c>chan&lt;- T</c>. Converts implicitly from
/// <see cref="Chan{T}"/> at no cost. The default value is a nil channel: sending on it blocks forever
/// and its select case is never ready.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SendOnlyChan<T>
{
    internal readonly Chan<T>? chan;

    /// <summary>Wraps <paramref name="chan"/>.</summary>
    public SendOnlyChan(Chan<T>? chan)
    {
        this.chan = chan;
    }

    /// <summary>True for the nil channel.</summary>
    public bool IsNil => chan is null;

    /// <summary>Buffered values (Go's <c>len</c>); 0 for the nil channel.</summary>
    public int Len => chan?.Len ?? 0;

    /// <summary>Buffer size (Go's <c>cap</c>); 0 for the nil channel.</summary>
    public int Cap => chan?.Cap ?? 0;

    /// <summary>Converts a channel to its send-only view.</summary>
    public static implicit operator SendOnlyChan<T>(Chan<T>? chan) => new(chan);

    /// <summary>See <see cref="Chan{T}.Send"/>.</summary>
    [AwaitableForm(nameof(SendAsync))]
    public void Send(T value)
    {
        if (chan is null)
        {
            ThreadWait.BlockForever(WaitReason.ChanSendNilChan);
        }

        chan!.Send(value);
    }

    /// <summary>See <see cref="Chan{T}.SendAsync"/>.</summary>
    public Chan<T>.SendAwaitable SendAsync(T value) => new(chan!, value);

    /// <summary>See <see cref="Chan{T}.TrySend"/>.</summary>
    public bool TrySend(T value) => chan is not null && chan.TrySend(value);

    /// <summary>See <see cref="Chan{T}.Close"/>.</summary>
    public void Close() => (chan ?? throw new InvalidOperationException("close of nil channel")).Close();

    /// <summary>A select case sending <paramref name="value"/>; never ready on the nil channel.</summary>
    public SelectCase<T> OnSend(T value) => SelectCase<T>.Send(chan, value);

    /// <inheritdoc/>
    public override string ToString() => chan is null ? "nil chan<-" : $"chan<- {chan}";
}
