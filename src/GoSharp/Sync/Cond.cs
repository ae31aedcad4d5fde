using System.ComponentModel;
using System.Runtime.CompilerServices;
using GoSharp.CompilerServices;
using GoSharp.Runtime;

namespace GoSharp;

/// <summary>
/// A condition variable (Go's <c>sync.Cond</c>): goroutines wait for an event while holding
/// <see cref="L"/>, which <see cref="Wait"/> releases while waiting and retakes before returning.
/// </summary>
/// <remarks>
/// As in Go, check the condition in a loop: <c>while (!ready) cond.Wait();</c>. A
/// <see cref="Signal"/> or <see cref="Broadcast"/> only wakes goroutines already in <see cref="Wait"/>.
/// </remarks>
/// <param name="locker">The lock held while observing or changing the condition.</param>
public sealed class Cond(ILocker locker)
{
    private readonly NotifyList _waiters = new();

    /// <summary>The lock held while observing or changing the condition.</summary>
    public ILocker L { get; } = locker ?? throw new ArgumentNullException(nameof(locker));

    /// <summary>
    /// Unlocks <see cref="L"/>, blocks until woken by <see cref="Signal"/> or <see cref="Broadcast"/>,
    /// then locks <see cref="L"/> again. In a <c>[Goroutine]</c> method this parks instead.
    /// </summary>
    [AwaitableForm(nameof(WaitAsync))]
    public void Wait()
    {
        _waiters.NoteUse();
        uint ticket = _waiters.Add();
        L.Unlock();
        _waiters.Wait(ticket);
        L.Lock();
    }

    /// <summary>The parking form of <see cref="Wait"/>: <c>await cond.WaitAsync();</c>.</summary>
    public async GoTask WaitAsync()
    {
        uint ticket = _waiters.Add();
        L.Unlock();
        await new TicketAwaitable(_waiters, ticket);
        await L.LockAsync();
    }

    /// <summary>Wakes one waiting goroutine, the one that has waited longest.</summary>
    public void Signal()
    {
        _waiters.NoteUse();
        _waiters.NotifyOne();
    }

    /// <summary>Wakes every waiting goroutine.</summary>
    public void Broadcast()
    {
        _waiters.NoteUse();
        _waiters.NotifyAll();
    }

    /// <summary>Waits for a ticket of a <see cref="NotifyList"/> to be served.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    private readonly struct TicketAwaitable(NotifyList list, uint ticket) : ICriticalNotifyCompletion, IGoAwaiter
    {
        public TicketAwaitable GetAwaiter() => this;

        public bool IsCompleted => list.IsServed(ticket);

        public void GetResult()
        {
        }

        void IGoAwaiter.Suspend(Frame frame) => list.Park(frame, ticket);

        public void OnCompleted(Action continuation) => throw Sched.NotOnGoroutine();

        public void UnsafeOnCompleted(Action continuation) => throw Sched.NotOnGoroutine();
    }
}
