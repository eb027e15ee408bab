using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Delivery;

/// <summary>A post as a line of a digest, for every surface: who, where from, the start of their words, the console link, and what became of it.</summary>
public sealed class DigestLines(AccountabilityPolicy policy, ConsoleLinks links)
{
    /// <summary>Whether someone took the post, so it needs a card of its own; until then a line on a digest shows it.</summary>
    public static bool NeedsOwnCard(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Owner is not null;
    }

    /// <summary>Whether the post waits for someone to claim it: then its line is in the digest's Claim menu.</summary>
    public static bool Claimable(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Owner is null && post.State is PostState.Open or PostState.Escalated;
    }

    public DigestLine Of(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var author = new CardAuthor(post.Author.Handle, post.Author.DisplayName);
        return new DigestLine(post.Id, author.Label, PostLabels.Source(post.Source), DigestLine.PreviewOf(post.Text), links.Post(post.Id), Taken(post));
    }

    /// <summary>The title of a digest message of <paramref name="queue"/> holding <paramref name="lines"/> posts.</summary>
    public string Title(string queue, int lines) =>
        $"Busy moment in {policy.Queue(queue).DisplayName}: {(lines == 1 ? "1 post" : $"{lines} posts")} in this digest. Claim one to get its own card.";

    private string? Taken(CustomerPost post)
    {
        if (Claimable(post))
        {
            return null;
        }

        if (post.Owner is { } owner)
        {
            var name = policy.People.Find(owner)?.Name ?? owner;
            return post.State == PostState.Claimed ? $"claimed by {name}" : $"{PostLabels.Status(post).ToLowerInvariant()} · {name}";
        }

        return PostLabels.Status(post).ToLowerInvariant();
    }
}
