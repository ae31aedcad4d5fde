namespace GoSharp;

/// <summary>
/// Marks a method as goroutine code. The GoSharp source generator emits a twin of the method
/// that runs on the GoSharp scheduler: its blocking operations (channel sends and receives,
/// <c>Select</c>, <c>WaitGroup.Wait</c>, <c>Sleep</c>...) park the goroutine instead of blocking
/// a thread, and it yields at loop back-edges when it has run for its time slice.
/// </summary>
/// <remarks>
/// The method itself stays ordinary synchronous C#: called from ordinary code it runs on the
/// calling thread and its blocking operations block that thread. <c>go(() =&gt; F(args))</c> and
/// <c>Go.Run(() =&gt; F(args))</c> run the twin. The containing type must be <c>partial</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class GoroutineAttribute : Attribute
{
}
