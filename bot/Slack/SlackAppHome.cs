using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// The app's Home tab: what waits on the person who opens it (posts they own, replies for them to
/// approve, escalations to their tier, overdue posts they may take over), soonest due first, the
/// same as the console's "Needs you". Published afresh each time they open the tab.
/// </summary>
public sealed class SlackAppHome(IPostStore store, PostWorkflow workflow, PostCardBuilder cards, AccountabilityPolicy policy, SlackPeople people, SlackWebApi slack, TimeProvider time)
{
    // Slack: a Home tab holds up to 100 blocks, docs.slack.dev/surfaces/app-home
    private const int Shown = 40;

    /// <summary>Enough open posts to find everything that waits on one person.</summary>
    private const int ActiveRead = 500;

    private static readonly IReadOnlyList<PostState> Active = PostStates.WaitingOnSomeone;

    public async Task<SlackApiResult> PublishAsync(string slackUser, CancellationToken cancellationToken) =>
        await slack.PublishViewAsync(slackUser, await ViewAsync(slackUser, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The Home tab for this Slack user now.</summary>
    public async Task<JsonObject> ViewAsync(string slackUser, CancellationToken cancellationToken)
    {
        var blocks = new JsonArray { Header("Waiting on you") };
        var now = time.GetUtcNow();
        if (await people.FindAsync(slackUser, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            // Someone in the workspace who is not one of ChatOpsReply's people sees nothing about customers.
            blocks.Add(Section(SlackInteractions.UnknownPerson(slackUser)));
            return Home(blocks);
        }

        var active = await store.ListAsync(new PostQuery { States = Active, Limit = ActiveRead }, cancellationToken).ConfigureAwait(false);
        var waiting = active.Where(p => workflow.WaitsOn(p, person))
            .OrderBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue).ThenBy(p => p.ReceivedAt).ToList();
        blocks.Add(Context($"{(waiting.Count == 0 ? "Nothing" : waiting.Count.ToString(CultureInfo.InvariantCulture) + (waiting.Count == 1 ? " post" : " posts"))} for {Mrkdwn.Escape(person.Name)} as of {now.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC; this tab is refreshed each time you open it."));
        if (waiting.Count == 0)
        {
            blocks.Add(Section("Nothing waits on you right now: no post of yours is unanswered, no reply waits for your approval, and nothing was escalated to you."));
            return Home(blocks);
        }

        foreach (var post in waiting.Take(Shown))
        {
            blocks.Add(Section($"*{Mrkdwn.Escape(Why(post, person))}*{Environment.NewLine}{SlackPostLine.Of(post, cards.Build(post, person), now)}"));
        }

        if (waiting.Count > Shown)
        {
            blocks.Add(Context($"…and {waiting.Count - Shown} more: the console's \"Needs you\" lists them all."));
        }

        return Home(blocks);
    }

    /// <summary>Why the post waits on this person, in their terms.</summary>
    private string Why(CustomerPost post, Person person) => post.State switch
    {
        PostState.AwaitingApproval => "Needs your approval",
        PostState.Escalated => "Escalated to your tier: claim it",
        PostState.Crisis => "In crisis: the crisis team can take it",
        _ when !string.Equals(post.Owner, person.Id, StringComparison.OrdinalIgnoreCase) => $"Overdue with {policy.People.NameOf(post.Owner)}: you can take it over",
        PostState.Approved => "Approved: yours to send",
        _ => "Yours to answer",
    };

    private static JsonObject Home(JsonArray blocks) => new() { ["type"] = "home", ["blocks"] = blocks };

    private static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text } };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } },
    };
}
