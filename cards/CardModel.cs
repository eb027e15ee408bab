namespace ChatOpsReply.Cards;

// The model and the small records it is made of, in one file: they are read together, and
// each is a line or two (elsewhere the project keeps one type per file).

/// <summary>
/// One customer post as every surface shows it. Built once from the post and the
/// viewer, then rendered as Block Kit (Slack), Adaptive Card (Teams) or HTML (console).
/// </summary>
public sealed record CardModel
{
    public required string PostId { get; init; }

    /// <summary>Where the post came from, e.g. "X".</summary>
    public required string SourceLabel { get; init; }

    public required CardAuthor Author { get; init; }

    /// <summary>The customer's words, as received: renderers escape them.</summary>
    public required string Text { get; init; }

    public string? Url { get; init; }

    /// <summary>Link to the post's page in the web console, when it is reachable.</summary>
    public string? ConsoleUrl { get; init; }

    public required string StateLabel { get; init; }

    public CardTone Tone { get; init; } = CardTone.Neutral;

    public IReadOnlyList<CardBadge> Badges { get; init; } = [];

    public IReadOnlyList<CardFact> Facts { get; init; } = [];

    /// <summary>Later messages from the customer in the same thread, oldest first.</summary>
    public IReadOnlyList<CardNote> FollowUps { get; init; } = [];

    /// <summary>The reply being prepared, if any.</summary>
    public CardDraft? Draft { get; init; }

    /// <summary>What the viewer (or, on a shared message, anyone) may do next.</summary>
    public IReadOnlyList<CardAction> Actions { get; init; } = [];
}

/// <summary>The customer as a card shows them: hidden characters in what they call themselves are made visible (<see cref="DisplayText"/>).</summary>
public sealed record CardAuthor(string Handle, string? DisplayName)
{
    public string Handle { get; } = DisplayText.Neutralise(Handle);

    public string? DisplayName { get; } = DisplayName is null ? null : DisplayText.Neutralise(DisplayName);

    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Handle : $"{DisplayName} ({Handle})";
}

/// <summary>How loudly a card or badge should stand out; each renderer maps it to its own styles.</summary>
public enum CardTone
{
    Neutral,
    Good,
    Attention,
    Warning,
}

public sealed record CardBadge(string Text, CardTone Tone);

public sealed record CardFact(string Label, string Value);

public sealed record CardNote(DateTimeOffset At, string Text);

public sealed record CardDraft(string Text, string DraftedBy, string? Status);
