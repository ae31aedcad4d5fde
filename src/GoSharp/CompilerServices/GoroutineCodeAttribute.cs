namespace GoSharp.CompilerServices;

/// <summary>
/// Marks a delegate parameter whose argument runs as goroutine code, the way a function given to
/// <c>go</c>, <c>errgroup.Group.Go</c> or <c>time.AfterFunc</c> does in Go.
/// </summary>
/// <remarks>
/// The contract: a non-async lambda or anonymous method passed to this parameter is goroutine
/// code. Inside <c>[Goroutine]</c> methods the generator rewrites it into an <c>async GoTask</c>
/// lambda, so that its blocking calls park. The method must therefore have an overload whose
/// corresponding parameter takes the async delegate type (<c>Action</c> → <c>Func&lt;GoTask&gt;</c>,
/// <c>Action&lt;T&gt;</c> → <c>Func&lt;T, GoTask&gt;</c>, <c>Func&lt;TResult&gt;</c> →
/// <c>Func&lt;GoTask&lt;TResult&gt;&gt;</c>, ...), with the other parameters unchanged; or, for a
/// blocking method marked <see cref="AwaitableFormAttribute"/>, its awaitable form must.
/// Libraries built on GoSharp can mark their own parameters the same way.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class GoroutineCodeAttribute : Attribute
{
}
