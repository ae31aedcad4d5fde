using GoSharp.CompilerServices;
using GoSharp.Channels;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>The blocking and non-blocking forms of the channel operations.</summary>
public sealed partial class Chan<T>
{
    /// <summary>
    /// Sends <paramref name="value"/> (Go's <c>ch &lt;- v</c>), blocking until a receiver takes
    /// it or the buffer has room. In a <c>[Goroutine]</c> method this parks the goroutine instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">The channel is closed, or is closed while waiting.</exception>
    [AwaitableForm(nameof(SendAsync))]
    public void Send(T value)
    {
        NoteUse();
        Lock();
        ChanResult result = TrySendLocked(value, out Waiter? wake);
        if (result != ChanResult.WouldBlock)
        {
            Unlock();
            Waiter.Wake(wake);
            ThrowIfClosed(result);
            return;
        }

        G g = ThreadWait.Begin(WaitReason.ChanSend);
        Waiter<T> w = Waiter<T>.Rent(g);
        w.elem = value;
        EnqueueSender(w);
        g.waiting = w;
        Unlock();
        ThreadWait.Block(g);
        FinishSend(g);
    }

    /// <summary>
    /// Receives a value (Go's <c>&lt;-ch</c>), blocking until one is sent. A closed, drained
    /// channel returns the zero value at once. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    [AwaitableForm(nameof(ReceiveAsync))]
    public T Receive() => ReceiveWithOk().Value;

    /// <summary>
    /// Receives a value and whether it was sent (Go's <c>v, ok := &lt;-ch</c>); <c>Ok</c> is
    /// false once the channel is closed and drained.
    /// </summary>
    [AwaitableForm(nameof(ReceiveWithOkAsync))]
    public Received<T> ReceiveWithOk()
    {
        NoteUse();
        Lock();
        ChanResult result = TryReceiveLocked(out T value, out bool ok, out Waiter? wake);
        if (result == ChanResult.Done)
        {
            Unlock();
            Waiter.Wake(wake);
            return new Received<T>(value, ok);
        }

        G g = ThreadWait.Begin(WaitReason.ChanReceive);
        Waiter<T> w = Waiter<T>.Rent(g);
        EnqueueReceiver(w);
        g.waiting = w;
        Unlock();
        ThreadWait.Block(g);
        return FinishReceive(g);
    }

    /// <summary>
    /// Sends if that can be done without blocking (Go's select with a default case).
    /// </summary>
    /// <returns>True if the value was sent or buffered.</returns>
    /// <exception cref="InvalidOperationException">The channel is closed.</exception>
    public bool TrySend(T value)
    {
        NoteUse();
        return TrySendNow(value);
    }

    /// <summary>
    /// Receives a value if a sent one is ready now: Go's
    /// <c>select { case v, ok := &lt;-ch: if ok { ... }; default: }</c>. A closed, drained channel
    /// gives false, like an empty one; <see cref="TryReceiveWithOk"/> tells the two apart.
    /// </summary>
    /// <returns>True if a sent value was received; false if none is ready or the channel is closed and drained.</returns>
    public bool TryReceive(out T value)
    {
        NoteUse();
        return TryReceiveNow(out value, out bool ok) && ok;
    }

    /// <summary>
    /// Receives if that can be done without blocking (Go's <c>v, ok := &lt;-ch</c> in a select with
    /// a default case). Returns true with <c>Ok == false</c> when the channel is closed and drained.
    /// </summary>
    /// <returns>True if the receive completed (a value, or the closed channel's zero value).</returns>
    public bool TryReceiveWithOk(out Received<T> received)
    {
        NoteUse();
        bool done = TryReceiveNow(out T value, out bool ok);
        received = new Received<T>(value, ok);
        return done;
    }

    /// <summary>Ranges over the channel until it is closed (Go's <c>for v := range ch</c>), blocking between values.</summary>
    [AwaitableForm(nameof(GetAsyncEnumerator))]
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates a channel's values until it is closed.</summary>
    public struct Enumerator
    {
        private readonly Chan<T> _chan;

        internal Enumerator(Chan<T> chan)
        {
            _chan = chan;
            Current = default!;
        }

        /// <summary>The value received last.</summary>
        public T Current { get; private set; }

        /// <summary>Receives the next value; false once the channel is closed and drained.</summary>
        public bool MoveNext()
        {
            (T value, bool ok) = _chan.ReceiveWithOk();
            Current = value;
            return ok;
        }
    }

    internal bool TrySendNow(T value)
    {
        Lock();
        ChanResult result = TrySendLocked(value, out Waiter? wake);
        Unlock();
        Waiter.Wake(wake);
        ThrowIfClosed(result);
        return result == ChanResult.Done;
    }

    internal bool TryReceiveNow(out T value, out bool ok)
    {
        Lock();
        ChanResult result = TryReceiveLocked(out value, out ok, out Waiter? wake);
        Unlock();
        Waiter.Wake(wake);
        return result == ChanResult.Done;
    }

    /// <summary>After waking from a send: the waiter tells whether the value went through or the channel closed.</summary>
    internal static void FinishSend(G g)
    {
        Waiter w = TakeWaiter(g);
        bool sent = w.success;
        w.Release();
        if (!sent)
        {
            throw Waiter.SendOnClosed();
        }
    }

    /// <summary>After waking from a receive: the waiter carries the value.</summary>
    internal static Received<T> FinishReceive(G g)
    {
        var w = (Waiter<T>)TakeWaiter(g);
        var received = new Received<T>(w.elem, w.success);
        w.Release();
        return received;
    }

    /// <summary>The waiter of a goroutine woken from a single channel operation (not a select: that has one per case).</summary>
    private static Waiter TakeWaiter(G g)
    {
        Waiter w = g.waiting!;
        g.waiting = null;
        return w;
    }

    private static void ThrowIfClosed(ChanResult result)
    {
        if (result == ChanResult.Closed)
        {
            throw Waiter.SendOnClosed();
        }
    }
}
