using System.ComponentModel;
using GoSharp.Runtime;

namespace GoSharp.CompilerServices;

/// <summary>
/// A place in the user's source where a goroutine may park (a channel operation, a select, a
/// lock...). Generated code creates one static instance per site and announces it with
/// <see cref="Next"/> just before the operation, so that goroutine dumps and deadlock reports
/// name the user's line.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ParkSite
{
    /// <summary>Creates a site.</summary>
    /// <param name="file">The source file, as the compiler saw it.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="operation">The operation as written, e.g. <c>ch.Receive()</c>.</param>
    public ParkSite(string file, int line, string operation)
    {
        File = file;
        Line = line;
        Operation = operation;
    }

    /// <summary>The source file.</summary>
    public string File { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The operation as written.</summary>
    public string Operation { get; }

    /// <summary>
    /// Announces that the current goroutine is about to perform the operation at
    /// <paramref name="site"/>; if it parks there, dumps show this site. Kept per goroutine, so
    /// an operation that completes without parking leaves no trace on other goroutines.
    /// </summary>
    public static void Next(ParkSite site)
    {
        if (Sched.CurrentG is G g)
        {
            g.parkSite = site;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line} ({Operation})";
}
