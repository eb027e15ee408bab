using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// The slash command (<c>/replies</c> by default): <c>mine</c>, <c>queue [name]</c>, <c>answers &lt;words&gt;</c>, <c>help</c>.
/// Each verb is one row of <see cref="Verbs"/> and one case of <see cref="AnswerAsync"/>; help is
/// written from the rows, so it offers exactly what works.
/// </summary>
public sealed class SlackCommands(
    IPostStore store,
    AccountabilityPolicy policy,
    PostCardBuilder cards,
    SlackPeople people,
    SlackAnswers answers,
    IOptions<SlackOptions> options,
    TimeProvider time)
{
    /// <summary>A verb, what it takes, and what it does, as help shows it.</summary>
    public sealed record Verb(string Name, string Usage, string Description);

    public static readonly IReadOnlyList<Verb> Verbs =
    [
        new("mine", "", "the posts you own that are not answered yet, with the SLA time left"),
        new("queue", "[name]", "the open posts of a queue (this channel's queue when no name is given)"),
        new("answers", "<words>", "approved answers from the library that match, best first (for this channel's queue)"),
        new("help", "", "this list"),
    ];

    private const int Listed = 15;

    private static readonly IReadOnlyList<PostState> Active = PostStates.WaitingOnSomeone;

    private static readonly PostState[] Owned = [PostState.Claimed, PostState.AwaitingApproval, PostState.Approved];

    /// <returns>The ephemeral message Slack shows the person who typed the command.</returns>
    public async Task<JsonObject> HandleAsync(SlashCommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string text;
        try
        {
            text = await AnswerAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            text = CommandResult.StoreUnavailableMessage;
        }

        // Slack: an immediate answer with response_type "ephemeral" is seen only by the person, docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands
        return new JsonObject { ["response_type"] = "ephemeral", ["text"] = text };
    }

    private async Task<string> AnswerAsync(SlashCommandRequest request, CancellationToken cancellationToken)
    {
        var command = options.Value.SlashCommand;
        if (!string.Equals(request.Command, command, StringComparison.OrdinalIgnoreCase))
        {
            return $"ChatOpsReply answers {Mrkdwn.Escape(command)}, not {Mrkdwn.Escape(request.Command)}: set Slack:SlashCommand to the command's name.";
        }

        var typed = SlashCommandText.Parse(request.Text);
        switch (typed.Verb)
        {
            case "help":
                return Help(null);
            case "mine":
                var person = await people.FindAsync(request.UserId, cancellationToken).ConfigureAwait(false);
                if (person is null)
                {
                    return SlackInteractions.UnknownPerson(request.UserId);
                }

                var mine = await store.ListAsync(new PostQuery { Owner = person.Id, States = Owned, Limit = 200 }, cancellationToken).ConfigureAwait(false);
                return List("Your posts", mine, "You own no unanswered posts.");
            case "queue":
                var queue = FindQueue(typed.Argument, request.ChannelId);
                if (queue is null && typed.Argument.Length == 0 && request.ChannelId is { Length: > 0 } here && here == options.Value.DefaultChannel)
                {
                    return await DefaultChannelAsync(cancellationToken).ConfigureAwait(false);
                }

                if (queue is null)
                {
                    var names = string.Join(", ", policy.Queues.Select(q => $"`{Mrkdwn.Escape(q.Name)}`"));
                    return typed.Argument.Length == 0
                        ? $"This channel belongs to no queue. Name one: {names}."
                        : $"There is no queue called {Mrkdwn.Escape(typed.Argument)}. Queues: {names}.";
                }

                var open = await store.ListAsync(new PostQuery { Queue = queue.Name, States = Active, Limit = 200 }, cancellationToken).ConfigureAwait(false);
                return List($"{Mrkdwn.Escape(queue.DisplayName)}", open, $"Nothing is waiting in {Mrkdwn.Escape(queue.DisplayName)}.");
            case "answers":
                return await answers.ListAsync(typed.Argument, FindQueue("", request.ChannelId), command, cancellationToken).ConfigureAwait(false);
            default:
                return Help($"I don't know \"{Mrkdwn.Escape(typed.Verb, 50)}\".");
        }
    }

    /// <summary>The default channel carries the cards of every queue without a Slack channel of its own: their open posts.</summary>
    private async Task<string> DefaultChannelAsync(CancellationToken cancellationToken)
    {
        var homeless = policy.Queues.Where(q => !q.Channels.TryGetValue(SurfaceNames.Slack, out var channel) || channel.Length == 0).ToList();
        if (homeless.Count == 0)
        {
            var names = string.Join(", ", policy.Queues.Select(q => $"`{Mrkdwn.Escape(q.Name)}`"));
            return $"This is the default channel, and every queue has a channel of its own now. Name one: {names}.";
        }

        var open = new List<CustomerPost>();
        foreach (var queue in homeless)
        {
            open.AddRange(await store.ListAsync(new PostQuery { Queue = queue.Name, States = Active, Limit = 200 }, cancellationToken).ConfigureAwait(false));
        }

        var title = string.Join(", ", homeless.Select(q => Mrkdwn.Escape(q.DisplayName)));
        return List(title, open, $"Nothing is waiting in {title}.");
    }

    private string Help(string? first)
    {
        var help = new StringBuilder();
        if (first is not null)
        {
            help.AppendLine(first);
        }

        help.AppendLine("*What you can type:*");
        foreach (var verb in Verbs)
        {
            var usage = verb.Usage.Length == 0 ? verb.Name : $"{verb.Name} {verb.Usage}";
            help.AppendLine(CultureInfo.InvariantCulture, $"• `{Mrkdwn.Escape($"{options.Value.SlashCommand} {usage}")}`: {verb.Description}");
        }

        help.Append("Claim, draft, approve and send from the buttons on each post's card.");
        return help.ToString();
    }

    private Queue? FindQueue(string name, string? channelId) =>
        name.Length > 0
            ? policy.Queues.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(q.DisplayName, name, StringComparison.OrdinalIgnoreCase))
            : policy.Queues.FirstOrDefault(q => channelId is not null && q.Channels.TryGetValue(SurfaceNames.Slack, out var channel) && channel == channelId);

    /// <summary>Most urgent first: the soonest SLA due time, then the oldest.</summary>
    private string List(string title, IReadOnlyList<CustomerPost> posts, string empty)
    {
        if (posts.Count == 0)
        {
            return empty;
        }

        var now = time.GetUtcNow();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"*{title}* ({posts.Count}):");
        foreach (var post in posts.OrderBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue).ThenBy(p => p.ReceivedAt).Take(Listed))
        {
            text.AppendLine(SlackPostLine.Of(post, cards.Build(post, null), now));
        }

        if (posts.Count > Listed)
        {
            text.Append(CultureInfo.InvariantCulture, $"…and {posts.Count - Listed} more.");
        }

        return text.ToString().TrimEnd();
    }
}
