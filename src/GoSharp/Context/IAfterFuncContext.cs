namespace GoSharp;

/// <summary>
/// Implemented by a context of your own that can call a function when it is done (Go's
/// unexported <c>afterFuncer</c>, which any context type may satisfy). <c>WithCancel</c>,
/// <c>WithDeadline</c>, <c>Context.AfterFunc</c> and the others then register their children
/// with it instead of starting a goroutine per child to wait for its <see cref="Context.Done"/>.
/// </summary>
public interface IAfterFuncContext
{
    /// <summary>
    /// Arranges for <paramref name="f"/> to be called once this context is done, at once if it
    /// already is; <paramref name="f"/> may be called on any thread or goroutine, and must be
    /// called only after <see cref="Context.Err"/> returns non-null.
    /// </summary>
    /// <param name="f">
    /// What to call. GoSharp's functions cancel a child context: they do not block, but they run
    /// the callbacks registered on that child's <see cref="Context.CancellationToken"/>.
    /// </param>
    /// <returns>
    /// A function that cancels the arrangement and returns true if that kept <paramref name="f"/>
    /// from being called. GoSharp calls it when the child is cancelled first, so the context
    /// should forget <paramref name="f"/> then.
    /// </returns>
    Func<bool> AfterFunc(Action f);
}
