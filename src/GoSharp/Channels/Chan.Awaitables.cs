using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.Channels;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>The awaitable forms of the channel operations: they park the goroutine, not the thread.</summary>
public sealed partial class Chan<T>
{
    /// <summary>Sends, parking the goroutine until the value is taken or buffered: <c>await ch.SendAsync(v);</c>.</summary>
    /// <exception cref="InvalidOperationException">The channel is closed, or is closed while waiting.</exception>
    public SendAwaitable SendAsync(T value) => new(this, value);

    /// <summary>Receives, parking the goroutine until a value is sent: <c>var v = await ch.ReceiveAsync();</c>.</summary>
    public ReceiveAwaitable ReceiveAsync() => new(this);

    /// <summary>Receives a value and whether it was sent: <c>var (v, ok) = await ch.ReceiveWithOkAsync();</c>.</summary>
    public ReceiveWithOkAwaitable ReceiveWithOkAsync() => new(this);

    /// <summary>Ranges over the channel in goroutine code: <c>await foreach (var v in ch)</c>. Allocates one small object per loop.</summary>
    public AsyncEnumerator GetAsyncEnumerator() => new(this);

    private void ParkSend(Frame frame, T value)
    {
        G g = Sched.BeginPark(frame, WaitReason.ChanSend);
        Lock();
        ChanResult result = TrySendLocked(value, out Waiter? wake);
        if (result != ChanResult.WouldBlock)
        {
            Unlock();
            Waiter.Wake(wake);
            CompleteWithoutParking(g, Waiter<T>.Rent(g), success: result == ChanResult.Done);
            return;
        }

        Waiter<T> w = Waiter<T>.Rent(g);
        w.elem = value;
        EnqueueSender(w);
        g.waiting = w;
        Unlock();
    }

    private void ParkReceive(Frame frame)
    {
        G g = Sched.BeginPark(frame, WaitReason.ChanReceive);
        Lock();
        ChanResult result = TryReceiveLocked(out T value, out bool ok, out Waiter? wake);
        if (result == ChanResult.Done)
        {
            Unlock();
            Waiter.Wake(wake);
            Waiter<T> w = Waiter<T>.Rent(g);
            w.elem = value;
            CompleteWithoutParking(g, w, ok);
            return;
        }

        Waiter<T> receiver = Waiter<T>.Rent(g);
        EnqueueReceiver(receiver);
        g.waiting = receiver;
        Unlock();
    }

    /// <summary>The operation became possible between the fast path and parking: resume at once, as if woken.</summary>
    private static void CompleteWithoutParking(G g, Waiter w, bool success)
    {
        w.success = success;
        w.fired = true;
        g.waiting = w;
        Sched.CancelPark(g);
    }

    /// <summary>Awaitable of <see cref="SendAsync"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct SendAwaitable : ICriticalNotifyCompletion, IGoAwaiter
    {
        private readonly Chan<T> _chan;
        private readonly T _value;
        private bool _done;

        internal SendAwaitable(Chan<T> chan, T value)
        {
            _chan = chan;
            _value = value;
            _done = false;
        }

        /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
        public readonly SendAwaitable GetAwaiter() => this;

        /// <summary>Sends now if that needs no waiting.</summary>
        public bool IsCompleted => _done || (_done = _chan is not null && _chan.TrySendNow(_value));

        /// <summary>Completes the send; throws if the channel was closed.</summary>
        public readonly void GetResult()
        {
            if (!_done)
            {
                FinishSend(Sched.CurrentG!);
            }
        }

        readonly void IGoAwaiter.Suspend(Frame frame)
        {
            if (_chan is null)
            {
                Sched.BeginPark(frame, WaitReason.ChanSendNilChan); // a nil channel blocks forever
                return;
            }

            _chan.ParkSend(frame, _value);
        }

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }

    /// <summary>Awaitable of <see cref="ReceiveAsync"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct ReceiveAwaitable : ICriticalNotifyCompletion, IGoAwaiter
    {
        private ReceiveWithOkAwaitable _inner;

        internal ReceiveAwaitable(Chan<T> chan)
        {
            _inner = new ReceiveWithOkAwaitable(chan);
        }

        /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
        public readonly ReceiveAwaitable GetAwaiter() => this;

        /// <summary>Receives now if a value (or the closed channel's zero value) is ready.</summary>
        public bool IsCompleted => _inner.IsCompleted;

        /// <summary>The value received.</summary>
        public readonly T GetResult() => _inner.GetResult().Value;

        readonly void IGoAwaiter.Suspend(Frame frame) => _inner.Park(frame);

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }

    /// <summary>Awaitable of <see cref="ReceiveWithOkAsync"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct ReceiveWithOkAwaitable : ICriticalNotifyCompletion, IGoAwaiter
    {
        private readonly Chan<T> _chan;
        private T _value;
        private bool _ok;
        private bool _done;

        internal ReceiveWithOkAwaitable(Chan<T> chan)
        {
            _chan = chan;
            _value = default!;
            _ok = false;
            _done = false;
        }

        /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
        public readonly ReceiveWithOkAwaitable GetAwaiter() => this;

        /// <summary>Receives now if a value (or the closed channel's zero value) is ready.</summary>
        public bool IsCompleted => _done || (_done = _chan is not null && _chan.MayReceive && _chan.TryReceiveNow(out _value, out _ok));

        /// <summary>The value received and whether it was sent.</summary>
        public readonly Received<T> GetResult() => _done ? new Received<T>(_value, _ok) : FinishReceive(Sched.CurrentG!);

        readonly void IGoAwaiter.Suspend(Frame frame) => Park(frame);

        internal readonly void Park(Frame frame)
        {
            if (_chan is null)
            {
                Sched.BeginPark(frame, WaitReason.ChanReceiveNilChan); // a nil channel blocks forever
                return;
            }

            _chan.ParkReceive(frame);
        }

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }

    /// <summary>Async enumerator of a channel (see <see cref="GetAsyncEnumerator"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct AsyncEnumerator
    {
        private readonly Chan<T> _chan;
        private readonly StrongBox<T> _current;
        private readonly ParkSite? _site;

        internal AsyncEnumerator(Chan<T> chan)
            : this(chan, new StrongBox<T>(), site: null)
        {
        }

        private AsyncEnumerator(Chan<T> chan, StrongBox<T> current, ParkSite? site)
        {
            _chan = chan;
            _current = current;
            _site = site;
        }

        /// <summary>The value received last.</summary>
        public T Current => _current.Value!;

        /// <summary>
        /// This enumerator, announcing <paramref name="site"/> whenever a receive parks, so that a
        /// goroutine parked in a range loop shows the loop's line in dumps (generated code:
        /// <c>await foreach (var v in ch.GetAsyncEnumerator().At(site))</c>). A receive that
        /// completes at once costs nothing more.
        /// </summary>
        public AsyncEnumerator At(ParkSite site) => new(_chan, _current, site);

        /// <summary>Itself, so that <c>await foreach</c> accepts the result of <see cref="At"/>.</summary>
        public AsyncEnumerator GetAsyncEnumerator() => this;

        /// <summary>Receives the next value; false once the channel is closed and drained.</summary>
        public MoveNextAwaitable MoveNextAsync() => new(new ReceiveWithOkAwaitable(_chan), _current, _site);
    }

    /// <summary>Awaitable of <see cref="AsyncEnumerator.MoveNextAsync"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct MoveNextAwaitable : ICriticalNotifyCompletion, IGoAwaiter
    {
        private ReceiveWithOkAwaitable _receive;
        private readonly StrongBox<T> _current;
        private readonly ParkSite? _site;

        internal MoveNextAwaitable(ReceiveWithOkAwaitable receive, StrongBox<T> current, ParkSite? site)
        {
            _receive = receive;
            _current = current;
            _site = site;
        }

        /// <summary>Gets the awaiter (called by <c>await</c>).</summary>
        public readonly MoveNextAwaitable GetAwaiter() => this;

        /// <summary>Receives now if a value is ready.</summary>
        public bool IsCompleted => _receive.IsCompleted;

        /// <summary>True if a value was received.</summary>
        public readonly bool GetResult()
        {
            (T value, bool ok) = _receive.GetResult();
            _current.Value = value;
            return ok;
        }

        readonly void IGoAwaiter.Suspend(Frame frame)
        {
            if (_site is not null)
            {
                ParkSite.Next(_site);
            }

            _receive.Park(frame);
        }

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        /// <summary>Not supported outside goroutine code.</summary>
        public readonly void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }
}
