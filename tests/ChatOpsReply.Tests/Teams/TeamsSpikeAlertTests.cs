using System.Text.Json.Nodes;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// A spike's alert in the crisis team's Teams channel, answered through signed Bot Framework activities:
/// the counts, the sparkline, the terms and three neutralised sample posts on an Adaptive Card mentioning
/// the crisis team; "Not a crisis" as on Slack (refused people get the guard sentence), the card updated in place after.
/// </summary>
public sealed class TeamsSpikeAlertTests : TeamsTestBase
{
    private const string CrisisChannel = "19:crisis@thread.tacv2";

    // The crisis channel is in another team than the one the tests add the bot to: reached through the configured connector address.
    private readonly List<string> _posts = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Teams:ServiceUrl"] = Fake.ServiceUrl };

    [Fact]
    public async Task A_spike_posts_one_alert_card_in_the_crisis_channel_with_counts_sparkline_terms_and_three_neutralised_samples()
    {
        var spikeId = await SpikeAsync();

        var alert = Assert.Single(Fake.Of("create"), c => c.Channel == CrisisChannel);
        var card = alert.Card!;
        var texts = JsonTree.Objects(card["body"]).Where(o => (string?)o["type"] == "TextBlock").Select(o => (string)o["text"]!).ToList();
        Assert.StartsWith("Possible crisis in Support: 42 posts about 'app down' in 8 min, usually 1.7", texts[0], StringComparison.Ordinal);
        Assert.Equal(Sparkline.Of([1, 1, 2, 3, 5, 8, 12, 13]), texts[1]);
        Assert.Contains("Terms: app down, outage", texts[2], StringComparison.Ordinal);
        var samples = card["body"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "RichTextBlock").ToList();
        Assert.Equal(3, samples.Count);
        // The customer's words are TextRuns, never read as markdown: the link and the mention stay words.
        Assert.Contains(samples, s => JsonTree.Strings(s).Any(t => t.Contains("[free refund](https://evil.example) <at>Sam Rivera</at>", StringComparison.Ordinal)));
        Assert.All(JsonTree.Objects(card).Where(o => (string?)o["type"] == "TextBlock"), b => Assert.DoesNotContain("evil.example", (string)b["text"]!, StringComparison.Ordinal));
        Assert.Equal([SpikeAlerts.DeclareCrisisAction, SpikeAlerts.NotACrisisAction], Verbs(card));
        Assert.Contains("<at>Sam Rivera</at>", alert.Text, StringComparison.Ordinal);
        Assert.Equal(BotFrameworkSender.TeamsUserId("sam"), (string?)alert.Body!["activity"]!["entities"]![0]!["mentioned"]!["id"]);
        Assert.NotNull(await Host.Service<ISpikeStore>().GetAsync(spikeId));
        await AssertAcceptedByAdaptiveCardsAsync([card], alert: true);
    }

    [Fact]
    public async Task Not_a_crisis_from_someone_outside_the_crisis_team_or_unknown_is_refused_with_the_guard_sentence()
    {
        var spikeId = await SpikeAsync();

        var olga = await AnswerAsync(spikeId, "olga");
        var alice = await AnswerAsync(spikeId, "alice");
        var stranger = await AnswerAsync(spikeId, null);

        Assert.Equal((TeamsProtocol.MessageResponseType, SpikeAlerts.NotYoursText), ((string?)olga["type"], (string?)olga["value"]));
        Assert.Equal((TeamsProtocol.MessageResponseType, SpikeAlerts.NotYoursText), ((string?)alice["type"], (string?)alice["value"]));
        Assert.Equal((TeamsProtocol.MessageResponseType, TeamsPeople.Unknown), ((string?)stranger["type"], (string?)stranger["value"]));
        Assert.Equal(SpikeStatus.Alerted, (await Host.Service<ISpikeStore>().GetAsync(spikeId))!.Status);
    }

    [Fact]
    public async Task Not_a_crisis_from_the_crisis_team_silences_the_topic_and_the_alert_says_who_decided_in_place()
    {
        var spikeId = await SpikeAsync();
        var posted = Fake.Of("create").Single(c => c.Channel == CrisisChannel);

        var answer = await AnswerAsync(spikeId, "sam");
        await DeliverAsync();

        Assert.Equal(TeamsProtocol.CardResponseType, (string?)answer["type"]);
        Assert.Contains(JsonTree.Strings(answer["value"]), t => t.StartsWith("Not a crisis, said Sam Rivera", StringComparison.Ordinal));
        Assert.Equal(SpikeStatus.NotACrisis, (await Host.Service<ISpikeStore>().GetAsync(spikeId))!.Status);
        var update = Assert.Single(Fake.Of("update"), c => c.ActivityId == (string)posted.Answer!["activityId"]!);
        Assert.Contains(JsonTree.Strings(update.Card!["body"]), t => t.StartsWith("Not a crisis, said Sam Rivera", StringComparison.Ordinal));
        Assert.DoesNotContain(JsonTree.Objects(update.Card), o => (string?)o["type"] == "Action.Execute");
        Assert.Single(Fake.Of("create"), c => c.Channel == CrisisChannel);

        var again = await AnswerAsync(spikeId, "dan");
        Assert.Contains(JsonTree.Strings(again["value"]), t => t.StartsWith("Not a crisis, said Sam Rivera", StringComparison.Ordinal));
        await AssertAcceptedByAdaptiveCardsAsync([update.Card!], alert: true);
    }

    [Fact]
    public async Task Declare_crisis_shows_the_count_first_then_moves_each_post_and_the_alert_offers_resolve_which_returns_them()
    {
        var spikeId = await SpikeAsync();
        var posted = Fake.Of("create").Single(c => c.Channel == CrisisChannel);

        var asked = await AnswerAsync(spikeId, "sam", SpikeAlerts.DeclareCrisisAction);

        // Nothing moves on the first click: the one who clicked sees how many would, and confirms or cancels.
        Assert.Equal(TeamsProtocol.CardResponseType, (string?)asked["type"]);
        // The third post asks for a refund: it went to Billing, which a crisis in Support does not take.
        Assert.Contains("Declare a crisis for 'app down', 'outage' in Support: 2 open posts will move to the crisis team (Sam Rivera).", Shown(asked["value"]));
        Assert.Equal([TeamsSpikeAlert.ConfirmDeclareAction, TeamsSpikeAlert.ShowAlertAction], Verbs(asked["value"]));
        Assert.All(_posts, id => Assert.Equal(PostState.Open, Host.PostAsync(id).Result.State));
        var support = _posts.Where(id => Host.PostAsync(id).Result.Queue == "support").ToList();
        Assert.Equal(2, support.Count);
        var cancelled = await AnswerAsync(spikeId, "sam", TeamsSpikeAlert.ShowAlertAction);
        Assert.Equal([SpikeAlerts.DeclareCrisisAction, SpikeAlerts.NotACrisisAction], Verbs(cancelled["value"]));

        var declared = await AnswerAsync(spikeId, "sam", TeamsSpikeAlert.ConfirmDeclareAction);
        await DeliverAsync();

        Assert.Contains(Shown(declared["value"]), t => t.StartsWith("Crisis declared for 'app down', 'outage' in Support: 2 posts moved to the crisis team", StringComparison.Ordinal));
        Assert.All(support, id => Assert.Equal(PostState.Crisis, Host.PostAsync(id).Result.State));
        Assert.Equal(PostState.Open, (await Host.PostAsync(_posts.Except(support).Single())).State);
        var update = Fake.Of("update").Last(c => c.ActivityId == (string)posted.Answer!["activityId"]!);
        Assert.Contains(JsonTree.Strings(update.Card!["body"]), t => t.StartsWith("Crisis declared by Sam Rivera", StringComparison.Ordinal));
        Assert.Equal([SpikeAlerts.ResolveCrisisAction], Verbs(update.Card));
        await AssertAcceptedByAdaptiveCardsAsync([(JsonObject)asked["value"]!, update.Card!], alert: true);

        var again = await AnswerAsync(spikeId, "dan", TeamsSpikeAlert.ConfirmDeclareAction);
        Assert.Contains(Shown(again["value"]), t => t.StartsWith("A crisis for 'app down', 'outage' in Support was declared already by Sam Rivera", StringComparison.Ordinal));

        var resolved = await AnswerAsync(spikeId, "dan", SpikeAlerts.ResolveCrisisAction, crisisId: (string)JsonTree.Objects(update.Card).First(o => (string?)o["verb"] == SpikeAlerts.ResolveCrisisAction)["data"]!["crisisId"]!);
        await DeliverAsync();

        Assert.Contains(Shown(resolved["value"]), t => t.StartsWith("Crisis resolved for 'app down', 'outage': 2 posts back in Support with their SLA restarted", StringComparison.Ordinal));
        Assert.All(_posts, id => Assert.Equal(PostState.Open, Host.PostAsync(id).Result.State));
        var last = Fake.Of("update").Last(c => c.ActivityId == (string)posted.Answer!["activityId"]!);
        Assert.Empty(Verbs(last.Card));
    }

    [Fact]
    public async Task A_declaration_whose_posts_take_longer_than_teams_waits_is_answered_first_and_its_posts_still_all_move()
    {
        var spikeId = await SpikeAsync();
        var support = _posts.Where(id => Host.PostAsync(id).Result.Queue == "support").ToList();
        // As when the moves outlast Teams:InvokeAnswerWithin (the Bot Framework waits 10 to 15 s): zero answers at once.
        Host.Service<Microsoft.Extensions.Options.IOptions<TeamsOptions>>().Value.InvokeAnswerWithin = TimeSpan.Zero;

        var declared = await AnswerAsync(spikeId, "sam", TeamsSpikeAlert.ConfirmDeclareAction);

        Assert.Contains(Shown(declared["value"]), t => t.StartsWith("Crisis declared for 'app down', 'outage' in Support: its open posts are moving to the crisis team now", StringComparison.Ordinal));
        await Until.TrueAsync(async () => (await Task.WhenAll(support.Select(id => Host.PostAsync(id)))).All(p => p.State == PostState.Crisis), TimeSpan.FromSeconds(10), "every post of the crisis moves after the answer");
        var crisisId = (await Host.PostAsync(support[0])).CrisisId;
        Assert.All(support, id => Assert.Equal(crisisId, Host.PostAsync(id).Result.CrisisId));
        Assert.Equal(PostState.Open, (await Host.PostAsync(_posts.Except(support).Single())).State);
    }

    [Fact]
    public async Task Declaring_from_outside_the_crisis_team_is_refused_at_each_step_and_moves_nothing()
    {
        var spikeId = await SpikeAsync();

        var asked = await AnswerAsync(spikeId, "alice", SpikeAlerts.DeclareCrisisAction);
        var confirmed = await AnswerAsync(spikeId, "alice", TeamsSpikeAlert.ConfirmDeclareAction);
        var stranger = await AnswerAsync(spikeId, null, TeamsSpikeAlert.ConfirmDeclareAction);

        Assert.Equal((TeamsProtocol.MessageResponseType, SpikeAlerts.NotYoursText), ((string?)asked["type"], (string?)asked["value"]));
        Assert.Equal((TeamsProtocol.MessageResponseType, SpikeAlerts.NotYoursText), ((string?)confirmed["type"], (string?)confirmed["value"]));
        Assert.Equal((TeamsProtocol.MessageResponseType, TeamsPeople.Unknown), ((string?)stranger["type"], (string?)stranger["value"]));
        Assert.All(_posts, id => Assert.Equal(PostState.Open, Host.PostAsync(id).Result.State));
    }

    /// <summary>The card's texts as Teams shows them: markdown's escapes read.</summary>
    private static List<string> Shown(JsonNode? card) => [.. JsonTree.Strings(card).Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\\(.)", "$1"))];

    private static List<string> Verbs(JsonNode? card) => [.. JsonTree.Objects(card).Where(o => (string?)o["type"] == "Action.Execute").Select(o => (string)o["verb"]!)];

    /// <summary>Three posts of a burst arrive, and a spike over them is found as the watch records one: with its alert messages, in one write.</summary>
    private async Task<string> SpikeAsync()
    {
        string[] texts = ["Your app is down, outage everywhere", "Total outage: the app is down for me", "**App down** again! [free refund](https://evil.example) <at>Sam Rivera</at>"];
        var ids = _posts;
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            ids.Add(await Host.ReceiveAsync(text, externalId: $"spike-{i}"));
        }

        var now = Host.Time.GetUtcNow();
        var spike = new Spike(Guid.CreateVersion7(now).ToString("N"), "support", ["app down", "outage"], now, now.AddMinutes(10), 42, 1.7, [1, 1, 2, 3, 5, 8, 12, 13], ids);
        var opening = await Host.Service<ISpikeStore>().OpenAsync(spike, spike.Terms, Host.Service<SpikeWatch>().AlertMessages(spike, now));
        Assert.True(opening.Opened);
        await DeliverAsync();
        return spike.Id;
    }

    /// <summary>Clicks one of the alert's buttons ("Not a crisis" unless named; an Action.Execute) as the person, through a signed invoke.</summary>
    private async Task<JsonObject> AnswerAsync(string spikeId, string? personId, string action = SpikeAlerts.NotACrisisAction, string? crisisId = null)
    {
        var data = new JsonObject { ["spikeId"] = spikeId, ["action"] = action };
        if (crisisId is not null)
        {
            data["crisisId"] = crisisId;
        }

        using var response = await Teams.SendAsync("invoke-action-execute", personId, new Dictionary<string, string> { ["verb"] = action, ["channelId"] = CrisisChannel }, data);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}\n{Host.Errors}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
