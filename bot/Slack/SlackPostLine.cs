using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>One post in a list of posts, as mrkdwn: the slash command's lists and the Home tab show them alike.</summary>
internal static class SlackPostLine
{
    /// <summary>Its state, source, customer, SLA time left and console link, then the start of the customer's words on a second line.</summary>
    public static string Of(CustomerPost post, CardModel card, DateTimeOffset now)
    {
        var due = post.NextSlaDueAt is { } at
            ? at >= now ? $"{(post.ClaimDueAt == at ? "claim" : "reply")} within {PostLabels.Duration(at - now)}" : $"overdue by {PostLabels.Duration(now - at)}"
            : "no SLA running";
        var link = Mrkdwn.Link(card.ConsoleUrl, "open");
        return $"• *{Mrkdwn.Escape(PostLabels.State(post.State))}* · {Mrkdwn.Escape(card.SourceLabel)} · {Mrkdwn.Escape(DisplayText.Neutralise(post.Author.Handle), 60)} · {due}{(link is null ? "" : " · " + link)}"
            + Environment.NewLine + $"   {Mrkdwn.Escape(post.Text.ReplaceLineEndings(" "), 140)}";
    }
}
