namespace ChatOpsReply.Cards;

// A button and what it asks the person for, in one file: a renderer reads them together.

/// <summary>
/// A button. <see cref="Id"/> is the workflow trigger name, the same on every surface,
/// so a click anywhere becomes the same command.
/// </summary>
public sealed record CardAction(string Id, string Label, CardActionStyle Style = CardActionStyle.Default)
{
    /// <summary>What the person gives with the click (a reply, a reason, a person, an answer from the library), in display order.</summary>
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];
}

public enum CardActionStyle
{
    Default,
    Primary,
    Danger,
}

public sealed record CardInput(string Id, string Label)
{
    public bool Multiline { get; init; }

    public int MaxLength { get; init; } = 2000;

    public bool Required { get; init; } = true;

    public string? Initial { get; init; }

    public string? Placeholder { get; init; }

    /// <summary>When set, the input is a choice among these instead of free text.</summary>
    public IReadOnlyList<CardChoice>? Choices { get; init; }
}

public sealed record CardChoice(string Value, string Title);
