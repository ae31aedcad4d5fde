using System.Collections.Generic;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// What a loop shape adds to an outlined loop: statements the twin runs before the first call,
/// the variables they declare (passed by <c>ref</c>), and the helper's loop.
/// </summary>
internal readonly record struct LoopShape(string Setup, List<LoopVariable> State, string Body);
