using System.Text.Json.Serialization;

namespace ChatOpsReply.Library.Model;

/// <summary>
/// One version of an approved-answer library entry. Every saved change (an edit, an approval,
/// a retirement) is the next version; the store keeps them all.
/// </summary>
public sealed record CannedAnswer
{
    public required string Id { get; init; }

    /// <summary>1 for a new answer; each saved change adds one (the basis of compare-and-set).</summary>
    public required int Version { get; init; }

    public required string Title { get; init; }

    /// <summary>The text, with placeholders such as <c>{customer.name}</c>.</summary>
    public required string Body { get; init; }

    /// <summary>Custom placeholders and defaults for built-in ones.</summary>
    public IReadOnlyList<AnswerPlaceholder> Placeholders { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Queues it suits; empty for every queue.</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>Sources it suits ("x", "sms"…); empty for every source.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public string Language { get; init; } = "en";

    public AnswerStatus Status { get; init; } = AnswerStatus.Draft;

    /// <summary>Marked legal: only legal may approve it, and only then may it skip approval on sensitive posts.</summary>
    public bool NeedsLegal { get; init; }

    /// <summary>Fit to be offered while a crisis is declared (a holding statement, a careful answer); answers without it are hidden then.</summary>
    public bool CrisisSafe { get; init; }

    /// <summary>Set when legal approved this text; cleared when the text changes.</summary>
    public LegalApproval? LegalApproval { get; init; }

    /// <summary>The person id accountable for keeping the answer right.</summary>
    public required string Owner { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>Who saved this version.</summary>
    public required string ChangedBy { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>What this version did, in words: "created", "edited", "approved", "retired", "imported"…</summary>
    public required string Change { get; init; }

    /// <summary>"post-id#2": the sent reply this answer was proposed from ("save as answer").</summary>
    public string? ProposedFrom { get; init; }

    /// <summary>Approved, and by legal: an unmodified use may skip the approval of a sensitive reply.</summary>
    [JsonIgnore]
    public bool IsLegalApproved => Status == AnswerStatus.Approved && LegalApproval is not null;

    /// <summary>Whether what a customer would read differs: then an approval no longer covers it.</summary>
    public bool SameWords(CannedAnswer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Body == other.Body
            && string.Equals(Language, other.Language, StringComparison.OrdinalIgnoreCase)
            && NeedsLegal == other.NeedsLegal
            // An approver vouches for the mark as for the words.
            && CrisisSafe == other.CrisisSafe
            && Placeholders.SequenceEqual(other.Placeholders);
    }

    /// <summary>Same words and the same description (title, tags, queues, sources, owner).</summary>
    public bool SameContent(CannedAnswer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SameWords(other)
            && Title == other.Title
            && Owner == other.Owner
            && Tags.SequenceEqual(other.Tags)
            && Queues.SequenceEqual(other.Queues)
            && Sources.SequenceEqual(other.Sources);
    }
}

/// <summary>Where an answer stands: only approved answers are offered to people drafting replies.</summary>
public enum AnswerStatus
{
    Draft,
    Approved,
    Retired,
}

/// <summary>A placeholder an answer declares, with the value used when nothing better is known.</summary>
/// <param name="Name">Lower case, dotted: <c>order.number</c>; a built-in name gives that placeholder a default.</param>
/// <param name="Default">Null: no default, so a reply cannot go out until someone fills it in.</param>
public sealed record AnswerPlaceholder(string Name, string? Default);

/// <summary>Who of legal approved an answer's text, and when.</summary>
public sealed record LegalApproval(string By, DateTimeOffset At);
