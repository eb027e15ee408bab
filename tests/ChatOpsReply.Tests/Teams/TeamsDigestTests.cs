using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// A burst in a Teams channel: cards the channel cannot take soon go on a digest card, a line and a
/// Claim button per post; a Claim on a line claims the post (with the card's rules), redraws the
/// digest for the person at once and for everyone after, and gives the post its own card.
/// </summary>
public sealed class TeamsDigestTests : TeamsTestBase
{
    private const int Posts = 15;

    // No wait is short enough: once the channel's first second is spent, the rest go on the digest.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Teams:DigestAfter"] = "00:00:00", ["Teams:DigestUpdateInterval"] = "00:00:01" };

    [Fact]
    public async Task Posts_beyond_the_channels_pace_are_lines_of_one_digest_card_and_none_has_a_card_too()
    {
        var ids = await BurstAsync();

        var digest = Assert.Single(TeamsDigestView.Digests(Fake));
        var cards = TeamsDigestView.Cards(Fake);
        Assert.Equal(7, cards.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), cards.Concat(digest.Lines).Order(StringComparer.Ordinal));
        Assert.Equal(digest.Lines, digest.Claimable);
        Assert.Contains("Busy moment in Support: 8 posts in this digest", (string?)digest.Card["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.Contains("Fan 14 (@fan14) · X · The app is down again! Order 14 is stuck.", digest.LineOf(ids[14]), StringComparison.Ordinal);
        await AssertAcceptedByAdaptiveCardsAsync([digest.Card], digest: true);
    }

    [Fact]
    public async Task Claiming_from_a_digest_line_claims_the_post_shows_it_on_the_line_and_gives_it_its_own_card()
    {
        await BurstAsync();
        var digest = TeamsDigestView.Digests(Fake).Single();
        var chosen = digest.Lines[3];

        var answer = await ClaimAsync(digest, chosen, "alice");

        Assert.Equal(TeamsProtocol.CardResponseType, (string?)answer["type"]);
        var redrawn = answer["value"]!.AsObject();
        Assert.Contains("claimed by Alice Martin", TeamsDigestView.LineText(redrawn, chosen), StringComparison.Ordinal);
        Assert.Equal(digest.Claimable.Where(id => id != chosen), new TeamsDigestView.Digest(digest.ConversationId, digest.ActivityId, redrawn).Claimable);
        Assert.Equal((PostState.Claimed, "alice"), ((await Host.PostAsync(chosen)).State, (await Host.PostAsync(chosen)).Owner));

        await DeliverWithDigestsAsync();

        Assert.Contains(chosen, TeamsDigestView.Cards(Fake));
        var shown = TeamsDigestView.Digests(Fake).Single();
        Assert.Contains("claimed by Alice Martin", shown.LineOf(chosen), StringComparison.Ordinal);
        Assert.DoesNotContain(chosen, shown.Claimable);
        await AssertAcceptedByAdaptiveCardsAsync([redrawn, shown.Card], digest: true);
    }

    [Fact]
    public async Task A_claim_from_a_digest_line_by_someone_outside_the_tier_is_refused_with_the_guard_sentence_and_changes_nothing()
    {
        await BurstAsync();
        var digest = TeamsDigestView.Digests(Fake).Single();
        var chosen = digest.Lines[0];

        var refused = await ClaimAsync(digest, chosen, "olga");
        var stranger = await ClaimAsync(digest, chosen, null);

        Assert.Equal(TeamsProtocol.MessageResponseType, (string?)refused["type"]);
        Assert.Equal("Only people in the frontline, lead, manager or crisis tiers of Support can claim this post.", (string?)refused["value"]);
        Assert.Equal((TeamsProtocol.MessageResponseType, TeamsPeople.Unknown), ((string?)stranger["type"], (string?)stranger["value"]));
        Assert.Equal(PostState.Open, (await Host.PostAsync(chosen)).State);
    }

    [Fact]
    public async Task A_note_about_a_post_with_only_a_digest_line_goes_in_the_digests_thread_naming_the_customer()
    {
        var ids = await BurstAsync();
        var digest = TeamsDigestView.Digests(Fake).Single();
        var onLine = digest.Lines[0];
        Assert.Equal(CommandOutcome.Applied, (await Host.ActAsync(onLine, PostTrigger.AddNote, "carol", new CommentInput { Comment = "Looks like the outage, wait for status." })).Outcome);

        await DeliverWithDigestsAsync();

        var note = Assert.Single(Fake.Of("send"), c => c.Text?.Contains("Looks like the outage", StringComparison.Ordinal) == true);
        Assert.Equal(digest.ConversationId, note.ConversationId);
        Assert.StartsWith($"**Fan {ids.IndexOf(onLine)}", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_digest_of_the_longest_hostile_lines_stays_within_28_KB()
    {
        var hostile = string.Concat(Enumerable.Repeat("<&\"'>", 100));
        var lines = Enumerable.Range(0, AdaptiveCardRenderer.DigestLinesMax)
            .Select(i => new DigestLine($"{i:D32}", hostile, hostile, DigestLine.PreviewOf(hostile), $"https://replies.example.com/{new string('x', 300)}/{i}", i % 2 == 0 ? null : hostile))
            .ToList();

        var card = AdaptiveCardRenderer.Digest(new DigestModel(hostile, lines), 1);

        Assert.True(AdaptiveCardRenderer.Size(card) <= AdaptiveCardRenderer.MaxCardBytes, $"{AdaptiveCardRenderer.Size(card)} bytes");
        Assert.Equal(lines.Count, card["body"]!.AsArray().Count(o => ((string?)o!["id"])?.StartsWith("line.", StringComparison.Ordinal) == true));
        Assert.Equal(lines.Count(l => l.Waiting), JsonTree.Objects(card).Count(o => (string?)o["type"] == "Action.Execute"));
    }

    /// <summary>Fifteen posts arrive at once and are delivered as time passes: seven cards, the rest one digest.</summary>
    private async Task<List<string>> BurstAsync()
    {
        var ids = new List<string>();
        for (var i = 0; i < Posts; i++)
        {
            ids.Add(await Host.ReceiveAsync($"The app is down again! Order {i} is stuck.", externalId: $"burst-{i}", handle: $"@fan{i}", displayName: $"Fan {i}"));
        }

        await DeliverWithDigestsAsync();
        Assert.Equal(new OutboxDepth(0, 0), await Host.Service<IOutbox>().DepthAsync());
        return ids;
    }

    /// <summary>Delivers as time passes until the outbox is empty and no digest has lines or changes left to show.</summary>
    private async Task DeliverWithDigestsAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            await Host.DeliverAsync();
            if ((await Host.Service<IOutbox>().DepthAsync()).Pending == 0 && (await Host.Service<IDigestStore>().BusyScopesAsync()).Count == 0)
            {
                return;
            }

            Host.Time.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.Fail("The outbox and digests did not settle: " + Host.Errors);
    }

    private Task<JsonObject> ClaimAsync(TeamsDigestView.Digest digest, string postId, string? personId) =>
        Teams.InvokeAsync(postId, "Claim", personId, digest: digest.Number, cardActivityId: digest.ActivityId);
}
