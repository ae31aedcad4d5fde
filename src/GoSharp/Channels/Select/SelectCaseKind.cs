namespace GoSharp.Channels.Select;

internal enum SelectCaseKind : byte
{
    /// <summary>An unused slot.</summary>
    None,
    Receive,
    Send,
    Default,
}
