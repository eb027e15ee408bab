using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// The search messaging extension over the approved-answer library, through signed
/// <c>composeExtension/query</c> invokes on /api/messages: ranked approved answers as cards to
/// insert, filled in for the person, page by page, and a sentence whenever there is nothing to show.
/// </summary>
public sealed class TeamsAnswerSearchTests : TeamsTestBase
{
    private const string Billing = "19:billing@thread.tacv2";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "refund-damaged", Title = "Refund for a damaged item", Body = "Hi {customer.name}, sorry it arrived damaged. We refund the full price to your card within 5 working days. {agent.name}", Tags = ["refund"], Queues = ["billing"] });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "refund-late", Title = "Refund for a late delivery", Body = "Hi {customer.name}, sorry for the long wait. We refund the shipping cost to your card today. {agent.name}", Tags = ["refund", "delivery"], Queues = ["billing"] });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "parcel-lost", Title = "Lost parcel", Body = "Hi {customer.name}, the carrier lost your parcel. We send a new one today by express. {agent.name}", Queues = ["support"], Placeholders = new Dictionary<string, string?> { ["customer.name"] = "there" } });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "lawyer-reply", Title = "Customer mentions a lawyer", Body = "Hi {customer.name}, we take this seriously. Our customer relations team will contact you by email today. {agent.name}", Legal = true });
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "order-status", Title = "Status of an order", Body = "Hi {customer.name}, order {order.number} left our warehouse today and arrives within two days. {agent.name}", Placeholders = new Dictionary<string, string?> { ["order.number"] = null } });
        Assert.True((await Host.Service<LibraryCuration>().CreateAsync(Host.Person("dan"), new AnswerDocument { Id = "refund-draft", Title = "Refund policy (new)", Body = "Hi {customer.name}, refunds now take three days. {agent.name}", Queues = ["billing"] })).Succeeded);
        var retired = await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "refund-old", Title = "Refund policy (2019)", Body = "Refunds take six weeks. {agent.name}" });
        Assert.True((await Host.Service<LibraryCuration>().RetireAsync(Host.Person("dan"), retired.Id, retired.Version)).Succeeded);
    }

    [Fact]
    public async Task Typing_lists_the_best_approved_answers_as_cards_to_insert_each_with_a_preview()
    {
        var (status, body) = await Teams.SearchAsync("refund damaged");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("result", "list"), (ComposeExtensionQueries.Type(body), (string?)body["composeExtension"]!["attachmentLayout"]));
        var attachments = ComposeExtensionQueries.Attachments(body);
        Assert.Equal(["refund-damaged", "refund-late"], attachments.Select(ComposeExtensionQueries.AnswerId));
        var first = attachments[0];
        Assert.Equal(TeamsProtocol.AdaptiveCardContentType, (string?)first["contentType"]);
        Assert.Equal(TeamsProtocol.ThumbnailCardContentType, (string?)first["preview"]!["contentType"]);
        Assert.Equal("Refund for a damaged item", (string?)first["preview"]!["content"]!["title"]);
        Assert.Equal("Hi {customer.name}, sorry it arrived damaged. We refund the full price to your card within 5 working days. Alice", (string?)first["preview"]!["content"]!["text"]);
        var card = first["content"]!.AsObject();
        Assert.Equal("Refund for a damaged item", Texts(card)[0]);
        Assert.Equal("https://replies.example.com/console/library/refund-damaged", (string?)card["actions"]![0]!["url"]);
    }

    [Fact]
    public async Task Prefixes_and_typos_find_answers_and_drafts_and_retired_answers_never_show()
    {
        Assert.Equal("lawyer-reply", Assert.Single(await Teams.AnswerIdsAsync("lawyr")));
        Assert.Equal("refund-late", (await Teams.AnswerIdsAsync("late deliv"))[0]);
        var refunds = await Teams.AnswerIdsAsync("refund");
        Assert.DoesNotContain("refund-draft", refunds);
        Assert.DoesNotContain("refund-old", refunds);
        Assert.Contains("refund-damaged", refunds);
    }

    [Fact]
    public async Task In_a_queues_channel_only_the_answers_that_suit_that_queue_are_offered()
    {
        Assert.Equal(["refund-damaged", "refund-late"], await Teams.AnswerIdsAsync("refund", channel: Billing));

        var (_, body) = await Teams.SearchAsync("lost parcel", channel: Billing);

        Assert.Equal(("message", "No approved answer for Billing matches \"lost parcel\". Try fewer or other words."), (ComposeExtensionQueries.Type(body), ComposeExtensionQueries.Text(body)));
        Assert.Equal(["parcel-lost"], await Teams.AnswerIdsAsync("lost parcel"));
    }

    [Fact]
    public async Task Opening_the_extension_shows_the_answers_sent_most_then_the_rest_by_title()
    {
        var store = Host.Service<ICannedAnswerStore>();
        var now = Host.Time.GetUtcNow();
        Assert.True(await store.RecordUseAsync(new AnswerUse("parcel-lost", 2, "post-1", 1, now)));
        Assert.True(await store.RecordUseAsync(new AnswerUse("parcel-lost", 2, "post-2", 1, now)));
        Assert.True(await store.RecordUseAsync(new AnswerUse("order-status", 2, "post-3", 1, now)));

        var opened = await Teams.AnswerIdsAsync(initialRun: true);

        Assert.Equal(["parcel-lost", "order-status", "lawyer-reply", "refund-damaged", "refund-late"], opened);
        Assert.Equal(opened, await Teams.AnswerIdsAsync("   "));
        // In the billing channel: billing's answers and those for every queue; the most sent one is support's.
        Assert.Equal(["order-status", "lawyer-reply", "refund-damaged", "refund-late"], await Teams.AnswerIdsAsync(initialRun: true, channel: Billing));
    }

    [Fact]
    public async Task Results_come_page_by_page_as_teams_asks_for_them()
    {
        var all = await Teams.AnswerIdsAsync(initialRun: true);

        var pages = new List<string>();
        for (var skip = 0; skip < all.Count; skip += 2)
        {
            var page = await Teams.AnswerIdsAsync(initialRun: true, skip: skip, count: 2);
            Assert.InRange(page.Count, 1, 2);
            pages.AddRange(page);
        }

        Assert.Equal(all, pages);
        var (_, past) = await Teams.SearchAsync(initialRun: true, skip: all.Count, count: 2);
        Assert.Equal("result", ComposeExtensionQueries.Type(past));
        Assert.Empty(ComposeExtensionQueries.Attachments(past));
        Assert.Equal(all, await Teams.AnswerIdsAsync(initialRun: true, count: 500));
    }

    [Fact]
    public async Task An_answer_is_filled_in_for_the_person_and_from_its_defaults_and_what_nobody_can_fill_is_marked()
    {
        var lost = Card(await Teams.SearchAsync("lost parcel"), "parcel-lost");
        Assert.Equal("Hi there, the carrier lost your parcel. We send a new one today by express. Alice", string.Concat(Runs(lost).Select(r => (string?)r["text"])));
        Assert.DoesNotContain(Runs(lost), r => r["highlight"] is not null);
        Assert.Equal(2, Texts(lost).Count);

        var order = Card(await Teams.SearchAsync("order status", person: "bob"), "order-status");
        var runs = Runs(order);
        Assert.Equal("Hi {customer.name}, order {order.number} left our warehouse today and arrives within two days. Bob", string.Concat(runs.Select(r => (string?)r["text"])));
        Assert.Equal(["{customer.name}", "{order.number}"], runs.Where(r => (bool?)r["highlight"] == true).Select(r => (string?)r["text"]));
        Assert.All(runs.Where(r => (bool?)r["highlight"] == true), r => Assert.Equal("Attention", (string?)r["color"]));
        Assert.Equal("Fill in \\{customer.name\\}, \\{order.number\\} before it goes to a customer.", Texts(order)[^1]);

        var lawyer = Card(await Teams.SearchAsync("lawyer"), "lawyer-reply");
        Assert.Equal("Approved answer · approved by legal", Texts(lawyer)[1]);
    }

    [Fact]
    public async Task Every_card_the_extension_offers_passes_the_official_adaptivecards_package_and_a_post_card_would_not()
    {
        var cards = new List<JsonObject>();
        foreach (var words in new[] { "refund", "lawyer", "order status", "lost parcel" })
        {
            var (_, body) = await Teams.SearchAsync(words);
            cards.AddRange(ComposeExtensionQueries.Attachments(body).Select(a => a["content"]!.AsObject()));
        }

        Assert.Equal(5, cards.Count);
        await AssertAcceptedByAdaptiveCardsAsync(cards, inserted: true);

        // The inserted-card rules are not vacuous: a post's card, with its refresh and buttons, fails them.
        await Host.ReceiveAsync("My parcel never came.");
        await DeliverAsync();
        var postCard = Assert.Single(SentCards());
        var folder = Directory.CreateTempSubdirectory("chatopsreply-inserted-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "post.json"), postCard.ToJsonString());
            var (exitCode, output) = await NodeScript.RunAsync("check-adaptive-cards.mjs", "--inserted", folder);
            Assert.Equal(1, exitCode);
            Assert.Contains("an inserted card has a refresh", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Someone_unknown_or_a_command_the_bot_lacks_gets_a_sentence_not_an_error()
    {
        var (status, stranger) = await Teams.SearchAsync("refund", person: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("message", TeamsPeople.Unknown), (ComposeExtensionQueries.Type(stranger), ComposeExtensionQueries.Text(stranger)));

        var (otherStatus, other) = await Teams.SearchAsync("refund", commandId: "searchTickets");
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal("ChatOpsReply has no search called \"searchTickets\". Ask an administrator to update the ChatOpsReply app in Teams.", ComposeExtensionQueries.Text(other));
    }

    [Fact]
    public async Task Words_that_match_nothing_get_a_sentence_saying_so()
    {
        var (_, body) = await Teams.SearchAsync("xylophone");

        Assert.Equal(("message", "No approved answer matches \"xylophone\". Try fewer or other words."), (ComposeExtensionQueries.Type(body), ComposeExtensionQueries.Text(body)));
    }

    private static JsonObject Card((HttpStatusCode Status, JsonObject Body) answer, string answerId) =>
        ComposeExtensionQueries.Attachments(answer.Body).Single(a => ComposeExtensionQueries.AnswerId(a) == answerId)["content"]!.AsObject();

    private static List<string?> Texts(JsonObject card) => [.. JsonTree.Objects(card).Where(n => (string?)n["type"] == "TextBlock").Select(n => (string?)n["text"])];

    private static List<JsonObject> Runs(JsonObject card) => [.. JsonTree.Objects(card).Where(n => (string?)n["type"] == "TextRun")];
}
