namespace ChatOpsReply.Cards;

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
