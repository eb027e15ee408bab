namespace ChatOpsReply.Cards;

/// <summary>
/// An approved answer as someone inserts it into a chat message: its title, its text filled in as
/// far as it can be, and the placeholders still to fill, which renderers mark so nobody mistakes
/// them for finished words.
/// </summary>
public sealed record AnswerCardModel
{
    public required string AnswerId { get; init; }

    public required string Title { get; init; }

    /// <summary>The answer's words; the tokens of <see cref="Unfilled"/> appear in it as written.</summary>
    public required string Text { get; init; }

    /// <summary>Placeholders with no value yet, as written in the text (<c>{order.number}</c>).</summary>
    public IReadOnlyList<string> Unfilled { get; init; } = [];

    /// <summary>A sentence under the text naming what to fill in before it goes to a customer.</summary>
    public string? FillInNote { get; init; }

    /// <summary>One line about where the answer stands ("Approved answer · approved by legal").</summary>
    public required string StatusLine { get; init; }

    /// <summary>The answer's page in the web console's library, when the console is reachable.</summary>
    public string? LibraryUrl { get; init; }
}
