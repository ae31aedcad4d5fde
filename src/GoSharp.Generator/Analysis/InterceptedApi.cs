namespace GoSharp.Generator.Analysis;

/// <summary>Which API a <c>() =&gt; F(args)</c> lambda is handed to.</summary>
internal enum InterceptedApi
{
    /// <summary><c>Go.go(Action)</c>: spawn the twin.</summary>
    Go,

    /// <summary><c>WaitGroup.Go(Action)</c>: <c>Add(1)</c>, spawn the twin, <c>Done()</c> when it returns or throws.</summary>
    WaitGroupGo,

    /// <summary><c>Go.Run(Action)</c> or <c>Go.Run&lt;T&gt;(Func&lt;T&gt;)</c>: run the twin as the main goroutine.</summary>
    Run,

    /// <summary><c>Go.RunAsync(Action)</c> or <c>Go.RunAsync&lt;T&gt;(Func&lt;T&gt;)</c>: run the twin as a main goroutine, as a Task.</summary>
    RunAsync,

    /// <summary><c>SyncTest.Run(Action, seed)</c> or <c>SyncTest.Run&lt;T&gt;(Func&lt;T&gt;, seed)</c>: run the twin as a bubble's root goroutine.</summary>
    SyncTestRun,

    /// <summary><c>SyncTest.Explore(Action, runs)</c>: run a new twin as the root of a bubble per seed.</summary>
    SyncTestExplore,
}
