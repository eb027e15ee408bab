namespace ChatOpsReply.Cards;

/// <summary>
/// A button. <see cref="Id"/> is the workflow trigger name, the same on every surface,
/// so a click anywhere becomes the same command.
/// </summary>
public sealed record CardAction(string Id, string Label, CardActionStyle Style = CardActionStyle.Default)
{
    /// <summary>A value the person must give with the click (a reply, a reason, a person).</summary>
    public CardInput? Input { get; init; }
}
