using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>A crisis's holding statement in words, for its alert, the console and the person who acted: where it stands, and how its sending went.</summary>
public sealed class HoldingReports(ICrisisStore crises, AccountabilityPolicy policy, IPostStore posts)
{
    /// <summary>The role that approves a holding statement: the one that approves replies (a crisis's posts need no sensitivity to be public).</summary>
    public string ApproverRole => policy.ApproverRole(null);

    /// <summary>Where the crisis's holding statement stands and, once approved, how its sending went; null while it has none.</summary>
    public async Task<string?> DescribeAsync(Crisis crisis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        if (crisis.Holding is not { } holding)
        {
            return null;
        }

        return holding.Status == HoldingStatus.Approved
            ? $"{Standing(crisis, holding)} {await ReportAsync(await crises.HoldingOutcomesAsync(crisis.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)}"
            : Standing(crisis, holding);
    }

    /// <summary>"On its way to 12 posts, each on its own channel. 1 post not sent: • Ben on SMS: Ben has not opted in to text messages: reply another way."</summary>
    public async Task<string> ReportAsync(IReadOnlyList<HoldingOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var sent = outcomes.Count(o => o.Sent);
        var missed = outcomes.Where(o => !o.Sent).OrderBy(o => o.At).ThenBy(o => o.PostId, StringComparer.Ordinal).ToList();
        var lines = new List<string>();
        foreach (var miss in missed.Take(5))
        {
            var who = await posts.GetAsync(miss.PostId, cancellationToken).ConfigureAwait(false) is { } post
                ? $"{new CardAuthor(post.Author.Handle, post.Author.DisplayName).Label} on {PostLabels.Source(post.Source)}"
                : "A post no longer stored";
            lines.Add($"\n• {who}: {miss.Reason}");
        }

        var more = missed.Count > 5 ? $"\n…and {missed.Count - 5} more." : "";
        // Handed to each channel's sender, not yet delivered: each post's card says when it arrives.
        return $"On its way to {Posts(sent)}, each on its own channel.{(missed.Count == 0 ? "" : $" {Posts(missed.Count)} not sent:{string.Concat(lines)}{more}")}";
    }

    /// <summary>The holding statement the crisis has, in a sentence: who chose it, and where it stands.</summary>
    public string Standing(Crisis crisis, HoldingStatement holding)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(holding);
        var chosen = $"{policy.People.NameOf(holding.ChosenBy)} chose \"{holding.Title}\" as the holding statement at {holding.ChosenAt:HH:mm} UTC";
        return holding.Status switch
        {
            HoldingStatus.Proposed => $"{chosen}; it waits for {ApproverRole}'s approval.",
            HoldingStatus.Approved => $"{chosen}; {policy.People.NameOf(holding.DecidedBy)} approved it at {holding.DecidedAt:HH:mm} UTC.",
            _ => $"{chosen}; {policy.People.NameOf(holding.DecidedBy)} rejected it at {holding.DecidedAt:HH:mm} UTC: {holding.Reason}",
        };
    }

    private static string Posts(int count) => count == 1 ? "1 post" : $"{count} posts";
}
