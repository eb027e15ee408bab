using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Teams;

/// <summary>The commands people type to the bot: <c>mine</c>, <c>queue</c>, <c>help</c>. Each answer is one message.</summary>
public sealed partial class TeamsCommands(IPostStore posts, PostWorkflow workflow, AccountabilityPolicy policy, ConsoleLinks links, TimeProvider time)
{
    public const string ReadUnavailable = "The store is unavailable right now, so nothing could be read. Please try again in a moment.";

    /// <summary>The answer to a message with no words in it (a file, a picture).</summary>
    public const string NothingTyped = "I only read typed commands: **help** lists them.";

    private const int Listed = 10;

    private static readonly IReadOnlyList<PostState> Active = PostStates.WaitingOnSomeone;

    public const string Help =
        "Commands: **mine**: the posts waiting for you. **queue** *name*: what is open in a queue (without a name, the queue of this channel, or every queue). **help**: this list. " +
        "Claim, draft, approve and send replies with the buttons on each post's card.";

    /// <summary>Whether the text asks for a list of customer posts (<c>mine</c>, <c>queue</c>).</summary>
    public static bool ListsPosts(string? text) => Words(text) is [var first, ..] && first.ToLowerInvariant() is "mine" or "queue";

    /// <summary>The reply (markdown, with everything people typed escaped) to a message typed in a channel or chat.</summary>
    public async Task<string> AnswerAsync(string? text, Person? person, string? channelId, CancellationToken cancellationToken)
    {
        var words = Words(text);
        var command = words.Count > 0 ? words[0].ToLowerInvariant() : "help";
        if (command is "help" or "?")
        {
            return Help;
        }

        if (command is not ("mine" or "queue"))
        {
            return $"I don't know \"{AdaptiveCardMarkdown.Escape(words[0])}\". {Help}";
        }

        if (person is null)
        {
            return TeamsPeople.Unknown;
        }

        try
        {
            return command == "mine"
                ? await MineAsync(person, cancellationToken).ConfigureAwait(false)
                : await QueueAsync(words.Count > 1 ? string.Join(' ', words.Skip(1)) : null, channelId, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return ReadUnavailable;
        }
    }

    private async Task<string> MineAsync(Person person, CancellationToken cancellationToken)
    {
        var active = await posts.ListAsync(new PostQuery { States = Active, Limit = 500 }, cancellationToken).ConfigureAwait(false);
        var mine = active.Where(p => workflow.WaitsOn(p, person)).OrderBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue).ToList();
        return mine.Count == 0
            ? "Nothing is waiting for you."
            : List(mine.Count == 1 ? "1 post is waiting for you:" : $"{mine.Count} posts are waiting for you:", mine);
    }

    private async Task<string> QueueAsync(string? name, string? channelId, CancellationToken cancellationToken)
    {
        var queue = name is not null
            ? policy.Queues.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(q.DisplayName, name, StringComparison.OrdinalIgnoreCase))
            : channelId is null ? null : policy.QueueInChannel(SurfaceNames.Teams, TeamsProtocol.ThreadKey(channelId));
        if (name is not null && queue is null)
        {
            return $"There is no queue called \"{AdaptiveCardMarkdown.Escape(name)}\". Queues: {string.Join(", ", policy.Queues.Select(q => AdaptiveCardMarkdown.Escape(q.Name)))}.";
        }

        var open = await posts.ListAsync(new PostQuery { States = Active, Queue = queue?.Name, Limit = 500 }, cancellationToken).ConfigureAwait(false);
        var title = queue is null ? "All queues" : AdaptiveCardMarkdown.Escape(queue.DisplayName);
        if (open.Count == 0)
        {
            return $"{title}: nothing is open.";
        }

        var counts = string.Join(", ", open.GroupBy(p => p.State).OrderBy(g => PostStates.Urgency(g.Key)).Select(g => $"{g.Count()} {PostLabels.State(g.Key).ToLowerInvariant()}"));
        var ordered = open.OrderBy(p => PostStates.Urgency(p.State)).ThenBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue).ToList();
        return List($"{title}: {counts}.", ordered);
    }

    private string List(string heading, List<CustomerPost> list)
    {
        var now = time.GetUtcNow();
        var text = new StringBuilder(heading);
        foreach (var post in list.Take(Listed))
        {
            var due = post.NextSlaDueAt is { } at ? (at >= now ? $", due in {PostLabels.Duration(at - now)}" : $", overdue by {PostLabels.Duration(now - at)}") : "";
            var words = post.Text.Length > 80 ? post.Text[..80].TrimEnd() + "…" : post.Text;
            var line = $"{PostLabels.Source(post.Source)} · {DisplayText.Neutralise(post.Author.Handle)} · {PostLabels.State(post.State)}{due}: \"{words.ReplaceLineEndings(" ")}\"";
            text.Append("\n\n- ").Append(AdaptiveCardMarkdown.Escape(line));
            if (links.Post(post.Id) is { } link)
            {
                text.Append(CultureInfo.InvariantCulture, $" [open]({link})");
            }
        }

        if (list.Count > Listed)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n…and {list.Count - Listed} more.");
        }

        return text.ToString();
    }

    /// <summary>The words of a message, without the mention of the bot that a channel message starts with.</summary>
    private static List<string> Words(string? text) =>
        text is null ? [] : [.. Mention().Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    // Teams: a mention of the bot arrives as "<at>name</at>" in the text, msteams-docs bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions.
    [GeneratedRegex("<at>.*?</at>", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Mention();
}
