namespace ChatOpsReply.Cards;

/// <summary>What a modal needs besides the card and the action it asks inputs for.</summary>
/// <param name="CallbackId">Identifies our modals in <c>view_submission</c> payloads.</param>
/// <param name="PrivateMetadata">Travels back with every interaction on the modal (at most 3,000 characters).</param>
public sealed record BlockKitModalOptions(string CallbackId, string PrivateMetadata)
{
    /// <summary>The input whose typing is sent to us as it happens (block_actions), for a live check.</summary>
    public string? LiveCheckInput { get; init; }

    /// <summary>Lines shown under the inputs (mrkdwn-escaped here), e.g. the guideline check of the draft.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Inputs whose options the app serves as the person types (an external select), by input id.
    /// Choosing one is sent to the app at once, so it can redraw the modal around the choice.
    /// </summary>
    public IReadOnlySet<string> ExternalSelects { get; init; } = new HashSet<string>();

    /// <summary>
    /// Moves on each time the app replaces what the person typed: inputs then get new action ids,
    /// so a views.update shows their <see cref="CardInput.Initial"/> instead of keeping the typing.
    /// Block ids stay the input ids whatever the revision.
    /// </summary>
    public int Revision { get; init; }
}
