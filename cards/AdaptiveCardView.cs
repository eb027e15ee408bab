namespace ChatOpsReply.Cards;

/// <summary>Who an Adaptive Card is rendered for, and what it says to them beyond the post.</summary>
public sealed record AdaptiveCardView
{
    /// <summary>The card everyone in a channel sees, refreshed for nobody.</summary>
    public static readonly AdaptiveCardView Shared = new();

    /// <summary>
    /// Teams user ids (<c>29:…</c>) whose client fetches their own version of the card when they
    /// look at it; at most <see cref="AdaptiveCardRenderer.MaxRefreshUsers"/> are kept.
    /// </summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];

    /// <summary>A sentence for the viewer at the top of the card ("Lena Fischer already approved this reply.").</summary>
    public string? Notice { get; init; }

    /// <summary>The most bytes of UTF-8 JSON the card may take; long texts are cut to fit.</summary>
    public int MaxBytes { get; init; } = AdaptiveCardRenderer.MaxCardBytes;
}
