using System.ComponentModel;

namespace GoSharp.CompilerServices;

/// <summary>
/// Marks a blocking operation and names its awaitable form: a method of the same type with the
/// same parameters that parks the goroutine instead of blocking the thread. Inside a
/// <c>[Goroutine]</c> method the generator rewrites a call to the marked method into
/// <c>await</c> of the named one (on <c>GetEnumerator</c>, <c>foreach</c> becomes
/// <c>await foreach</c> over the named method). Libraries built on GoSharp can mark their own
/// blocking methods the same way.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AwaitableFormAttribute : Attribute
{
    /// <summary>Marks a blocking method whose awaitable form is <paramref name="methodName"/>.</summary>
    /// <param name="methodName">The name of the awaitable form, e.g. <c>nameof(SendAsync)</c>.</param>
    public AwaitableFormAttribute(string methodName)
    {
        MethodName = methodName;
    }

    /// <summary>The name of the method that parks instead of blocking.</summary>
    public string MethodName { get; }
}
