namespace GoSharp.Generator.Analysis;

/// <summary>What the inner interceptor of a go/Run site calls.</summary>
internal enum InterceptedCallee
{
    /// <summary>The twin of a <c>[Goroutine]</c> method, created with <c>GoroutineEntry.Spawn</c>.</summary>
    Twin,

    /// <summary>An ordinary method, called in a new goroutine (go statements only); it blocks its thread where it blocks.</summary>
    Method,

    /// <summary>The awaitable form of a blocking method (<c>ch.Send(v)</c> → <c>await ch.SendAsync(v)</c>), awaited in a new goroutine, which parks.</summary>
    AwaitableForm,
}
