using System.Text.Json.Nodes;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using ChatOpsReply.Slack;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Crises;

/// <summary>
/// "Declare crisis" and "Resolve crisis" on a spike's alert in Slack, through the webhook and Slack's
/// interactivity, with a burst of outage posts beside the usual parcel questions.
/// </summary>
public sealed class CrisisDeclarationTests : IAsyncLifetime
{
    private SlackHost _slack = null!;
    private SpikeStream _stream = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackHost.StartAsync(new Dictionary<string, string?> { [$"{SpikeOptions.Section}:MinimumPosts"] = "10" });
        _stream = new SpikeStream(_slack);
        await _stream.SeedPastWeeksAsync([.. SpikeStream.Deliveries, .. SpikeStream.Outages]);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Declaring_previews_the_count_moves_each_open_post_by_its_own_command_takes_new_posts_and_resolving_returns_them()
    {
        var (outages, deliveries) = await BurstAsync();
        var alert = Assert.Single(_stream.Alerts());
        var spikeId = SpikeStream.ValueOf(alert, SpikeAlerts.DeclareCrisisAction);
        // One outage post was dismissed already: a declared crisis leaves it where it is. One is being answered: it moves.
        Assert.True((await _slack.Host.ActAsync(outages[0], PostTrigger.Dismiss, "alice", new CommentInput { Comment = "Same customer twice" })).Succeeded);
        Assert.True((await _slack.Host.ActAsync(outages[1], PostTrigger.Claim, "alice")).Succeeded);
        var open = outages.Count - 1;

        // Frontline staff may not declare one.
        await _slack.InteractAsync(SpikeStream.Click(spikeId, "U0ALICE", SpikeAlerts.DeclareCrisisAction));
        Assert.Equal(SpikeAlerts.NotYoursText, (await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0ALICE")).Arg("text"));
        Assert.Empty(_slack.Slack.Of("views.open"));

        // The crisis team first sees how many posts would move.
        await _slack.InteractAsync(SpikeStream.Click(spikeId, "U0SAM", SpikeAlerts.DeclareCrisisAction));
        var view = (JsonObject)(await _slack.Slack.WaitForAsync("views.open")).Args["view"]!;
        var preview = view["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.StartsWith("Declare a crisis for 'app down'", preview, StringComparison.Ordinal);
        Assert.EndsWith($"in Support: {open} open posts will move to the crisis team (Sam Rivera).", preview, StringComparison.Ordinal);
        Assert.All(outages.Concat(deliveries), id => Assert.NotEqual(PostState.Crisis, _slack.Host.PostAsync(id).Result.State));

        await _slack.SubmitAsync(view, "U0SAM", new Dictionary<string, string>(), viewId: "V0CRISIS1");
        var declared = await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0SAM", timeoutMs: 30_000);
        Assert.StartsWith($"Crisis declared for 'app down'", declared.Arg("text"), StringComparison.Ordinal);
        Assert.Contains($"in Support: {open} posts moved to the crisis team; new posts about it join as they arrive.", declared.Arg("text"), StringComparison.Ordinal);

        var audit = _slack.Host.Service<IAuditTrail>();
        foreach (var id in outages.Skip(1))
        {
            var post = await _slack.Host.PostAsync(id);
            Assert.Equal(PostState.Crisis, post.State);
            Assert.Null(post.Owner);
            Assert.NotNull(post.CrisisId);
            // Each by its own command, in its own audit trail, by who declared it.
            var moved = Assert.Single(await audit.ForPostAsync(id), e => e.Action == AuditAction.DeclareCrisis);
            Assert.Equal(("sam", SurfaceNames.Slack), (moved.ActorId, moved.Surface));
        }

        Assert.Equal(PostState.Dismissed, (await _slack.Host.PostAsync(outages[0])).State);
        Assert.All(deliveries, id => Assert.Equal(PostState.Open, _slack.Host.PostAsync(id).Result.State));

        // The alert says who declared it and offers to resolve it; the crisis room hears of it once, not once a post.
        await _slack.DeliverAllAsync();
        var shown = _stream.Shown(alert);
        Assert.Contains("Crisis declared by Sam Rivera at", shown.VisibleText, StringComparison.Ordinal);
        Assert.Equal([SpikeAlerts.ResolveCrisisAction, SlackHoldingStatements.ChooseAction], SpikeStream.Buttons(shown));
        Assert.Single(_stream.Alerts());

        // "Not a crisis" from a copy of the alert shown before is answered with who declared it, and silences nothing.
        await _slack.InteractAsync(SpikeStream.Click(spikeId, "U0DAN", SpikeAlerts.NotACrisisAction));
        var stale = await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0DAN");
        Assert.StartsWith("Sam Rivera declared this spike a crisis at", stale.Arg("text"), StringComparison.Ordinal);
        Assert.Equal(SpikeStatus.Alerted, (await _slack.Host.Service<ISpikeStore>().GetAsync(spikeId))!.Status);

        // Declaring again is answered as declared already, and moves nothing again.
        await _slack.SubmitAsync(view, "U0DAN", new Dictionary<string, string>(), viewId: "V0CRISIS2");
        var again = await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0DAN" && c.Arg("text").StartsWith("A crisis", StringComparison.Ordinal));
        Assert.StartsWith("A crisis for 'app down'", again.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("in Support was declared already by Sam Rivera at", again.Arg("text"), StringComparison.Ordinal);
        Assert.All(outages.Skip(1), id => Assert.Single(audit.ForPostAsync(id).Result, e => e.Action == AuditAction.DeclareCrisis));

        // While it is declared, a new outage post joins it on arrival; a parcel question does not.
        var parcel = await _slack.Host.ReceiveAsync(SpikeStream.Deliveries[0], externalId: "late-parcel");
        var joining = await _slack.Host.ReceiveAsync(SpikeStream.Outages[1], externalId: "late-outage");
        await Until.TrueAsync(async () => (await _slack.Host.PostAsync(joining)).State == PostState.Crisis, TimeSpan.FromSeconds(10), "the new outage post joins the crisis");
        Assert.Equal(PostState.Open, (await _slack.Host.PostAsync(parcel)).State);

        // Resolving returns every post to its queue with its SLA restarted.
        var crisisId = SpikeStream.ValueOf(shown, SpikeAlerts.ResolveCrisisAction);
        _slack.Host.Time.Advance(TimeSpan.FromMinutes(20));
        var resolvedAt = _slack.Host.Time.GetUtcNow();
        await _slack.InteractAsync(SpikeStream.Click(crisisId, "U0SAM", SpikeAlerts.ResolveCrisisAction));
        // Recorded before Slack got its answer; only the moves back come after it.
        Assert.Equal(CrisisStatus.Resolved, (await _slack.Host.Service<ICrisisStore>().GetAsync(crisisId))!.Status);
        var resolved = await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0SAM" && c.Arg("text").StartsWith("Crisis resolved", StringComparison.Ordinal), timeoutMs: 30_000);
        Assert.StartsWith("Crisis resolved for 'app down'", resolved.Arg("text"), StringComparison.Ordinal);
        Assert.EndsWith($": {open + 1} posts back in Support with their SLA restarted.", resolved.Arg("text"), StringComparison.Ordinal);
        foreach (var id in outages.Skip(1).Append(joining))
        {
            var post = await _slack.Host.PostAsync(id);
            Assert.Equal((PostState.Open, 0, (string?)null, (string?)null), (post.State, post.Tier, post.Owner, post.CrisisId));
            // The first tier's fifteen minutes to claim, counted from the resolve.
            Assert.True(post.ClaimDueAt >= resolvedAt + TimeSpan.FromMinutes(15), $"Claim due {post.ClaimDueAt}, resolved {resolvedAt}.");
            Assert.Single(await audit.ForPostAsync(id), e => e.Action == AuditAction.ResolveCrisis);
        }

        await _slack.DeliverAllAsync();
        shown = _stream.Shown(alert);
        Assert.Contains("Resolved by Sam Rivera at", shown.VisibleText, StringComparison.Ordinal);
        Assert.Empty(SpikeStream.Buttons(shown));

        // Resolved, it takes no more posts.
        var after = await _slack.Host.ReceiveAsync(SpikeStream.Outages[2], externalId: "after-outage");
        await _slack.Host.Service<CrisisArrivals>().SweepAsync(CancellationToken.None);
        Assert.Equal(PostState.Open, (await _slack.Host.PostAsync(after)).State);
    }

    /// <summary>Three minutes of outage posts at ten times their usual rate beside the usual parcel questions, delivered.</summary>
    private async Task<(List<string> Outages, List<string> Deliveries)> BurstAsync()
    {
        var received = new List<(string Text, string PostId)>();
        for (var minute = 0; minute < 3; minute++)
        {
            received.AddRange(await _stream.MinuteAsync((SpikeStream.Outages, 10 * SpikeStream.UsualPerMinute), (SpikeStream.Deliveries, SpikeStream.UsualPerMinute)));
        }

        await _slack.DeliverAllAsync();
        return ([.. received.Where(r => SpikeStream.Outages.Contains(r.Text)).Select(r => r.PostId)], [.. received.Where(r => SpikeStream.Deliveries.Contains(r.Text)).Select(r => r.PostId)]);
    }
}
