namespace ChatOpsReply.Cards;

/// <summary>What the console adds around a card's model when it renders it as HTML.</summary>
public sealed record HtmlCardOptions
{
    /// <summary>The URL a form for this action posts to.</summary>
    public required Func<CardAction, string> FormAction { get; init; }

    /// <summary>Fields every form carries (the anti-forgery token, a return path).</summary>
    public IReadOnlyDictionary<string, string> HiddenFields { get; init; } = new Dictionary<string, string>();

    /// <summary>Why the last click on this card was refused: shown in that action's form, as an alert.</summary>
    public CardRefusal? Refusal { get; init; }

    /// <summary>Actions that first say what they do and ask to be confirmed (action id → what it does).</summary>
    public IReadOnlyDictionary<string, string> Confirmations { get; init; } = new Dictionary<string, string>();

    /// <summary>Where a reply box's live check comes from; multiline inputs get a live region for it when set.</summary>
    public string? CheckUrl { get; init; }

    /// <summary>Where a reply box saves what is typed, as it is typed.</summary>
    public string? DraftUrl { get; init; }

    /// <summary>Whose words the reply box starts from, when not the viewer's own ("Alice Martin's draft, saved 10:32 UTC").</summary>
    public string? DraftNote { get; init; }

    /// <summary>The SLA clock that runs now, for a countdown.</summary>
    public CardDeadline? Deadline { get; init; }

    /// <summary>The id of a form elsewhere on the page this card can be selected into (bulk actions).</summary>
    public string? SelectForm { get; init; }
}

/// <param name="ActionId">The action whose form shows the refusal; null for the card as a whole.</param>
public sealed record CardRefusal(string? ActionId, string Message);

/// <param name="What">"Claim" or "Reply".</param>
/// <param name="Limit">The tier's whole limit, so the countdown can warn when a fifth is left.</param>
public sealed record CardDeadline(string What, DateTimeOffset Due, TimeSpan Limit);
