namespace GoSharp.Generator.Model;

/// <summary>An outlined loop's local function (see <c>LoopOutliner</c>): its text, and the 1-based user line its loop starts on, for <c>#line</c>.</summary>
internal sealed record LoopHelperSpec(int Line, string Text);
