using Microsoft.CodeAnalysis;

namespace GoSharp.Generator.Analysis;

/// <summary>A construct the generator cannot rewrite, where it is, and the detail for the message.</summary>
internal readonly struct RuleViolation
{
    public RuleViolation(RuleId id, Location location, string argument)
    {
        Id = id;
        Location = location;
        Argument = argument;
    }

    public RuleId Id { get; }

    public Location Location { get; }

    public string Argument { get; }
}
