namespace ChatOpsReply.Cards;

/// <summary>
/// A button. <see cref="Id"/> is the workflow trigger name, the same on every surface,
/// so a click anywhere becomes the same command.
/// </summary>
public sealed record CardAction(string Id, string Label, CardActionStyle Style = CardActionStyle.Default)
{
    /// <summary>What the person gives with the click (a reply, a reason, a person, an answer from the library), in display order.</summary>
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];
}
