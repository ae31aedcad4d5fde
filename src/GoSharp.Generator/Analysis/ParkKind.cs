namespace GoSharp.Generator.Analysis;

/// <summary>What a call does in goroutine code.</summary>
internal enum ParkKind
{
    /// <summary>An ordinary call.</summary>
    None,

    /// <summary>A blocking method with <c>[AwaitableForm]</c>: becomes <c>await</c> of its awaitable form.</summary>
    AwaitableForm,

    /// <summary><c>Go.Select(cases)</c>: becomes <c>await Go.SelectAsync(cases)</c> with its out cases bound.</summary>
    Select,

    /// <summary>A call to a <c>[Goroutine]</c> method that has a twin: becomes <c>await F__Goroutine(...)</c>.</summary>
    GoroutineCall,
}
