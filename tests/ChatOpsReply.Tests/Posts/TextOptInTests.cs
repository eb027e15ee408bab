using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Posts;

/// <summary>
/// A lead records a texting opt-in the customer gave another way (a call, a form), with the evidence:
/// in the consent ledger and on the post in one write, in the history and on the card, from the console
/// (the same card action Slack and Teams render, tested there).
/// </summary>
public sealed class TextOptInTests : IDisposable
{
    private const string Evidence = "Agreed on a call on 23 Nov, ticket 5512";
    private readonly AcceptingReplySender _customer = new();
    private readonly ServiceHost _host;

    public TextOptInTests()
    {
        _host = new ServiceHost(services: s => s.AddSingleton<IReplySender>(_customer));
    }

    [Fact]
    public async Task A_lead_records_an_opt_in_with_its_evidence_and_the_text_may_then_go()
    {
        var postId = await ClaimedTextAsync();
        var carol = new ConsoleSession(_host.NewClient());
        await carol.SignInAsync("carol");
        Assert.Contains(new CardFact("Texts", "no opt-in recorded"), Card(await _host.PostAsync(postId), "carol").Facts);
        Assert.Equal("Ana has not opted in to text messages: reply another way.", (await _host.ActAsync(postId, PostTrigger.Send, "alice")).Message);

        var notice = await carol.ClickAsync(postId, nameof(PostTrigger.RecordConsent), new Dictionary<string, string> { [CommandInputFields.Comment] = Evidence });

        Assert.Equal("Done.", notice);
        var consent = await _host.Service<IConsentStore>().GetAsync("sms", "+447700900123");
        Assert.Equal((true, $"{Evidence} (recorded by Carol Nguyen)"), (consent!.OptedIn, consent.Evidence));
        var post = await _host.PostAsync(postId);
        Assert.Equal(consent, post.Consent! with { At = TestConfig.Stored(post.Consent.At) });
        Assert.Contains(new CardFact("Texts", $"opted in {TestConfig.Start.UtcDateTime:yyyy-MM-dd}: {Evidence} (recorded by Carol Nguyen)"), Card(post, "alice").Facts);
        Assert.DoesNotContain(Card(post, "carol").Actions, a => a.Id == nameof(PostTrigger.RecordConsent));
        var line = (await _host.Service<IAuditTrail>().ForPostAsync(postId))[^1];
        Assert.Equal((AuditAction.RecordConsent, "carol", "console", Evidence), (line.Action, line.ActorId, line.Surface, line.Comment));
        var page = await carol.PageAsync($"/console/posts/{postId}");
        Assert.Contains("recorded the customer&#x27;s texting consent", page, StringComparison.Ordinal);

        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(postId, PostTrigger.Send, "alice")).Outcome);
        await _host.DeliverAsync();
        Assert.Single(_customer.Sent);
    }

    [Fact]
    public async Task Only_a_lead_records_an_opt_in_only_with_evidence_and_only_where_texts_go()
    {
        var postId = await ClaimedTextAsync();
        var xPost = await _host.ReceiveAsync("Where is my parcel?");

        Assert.DoesNotContain(Card(await _host.PostAsync(postId), "alice").Actions, a => a.Id == nameof(PostTrigger.RecordConsent));
        Assert.Contains(Card(await _host.PostAsync(postId), "carol").Actions, a => a.Id == nameof(PostTrigger.RecordConsent) && a.Inputs.Single().Id == CommandInputFields.Comment);
        Assert.Equal("Only a lead of Support can record Ana's opt-in to texts.", (await _host.ActAsync(postId, PostTrigger.RecordConsent, "alice", new CommentInput { Comment = Evidence })).Message);
        Assert.Equal("Say how Ana agreed to texts (on a call, on a signed form…): it is the evidence.", (await _host.ActAsync(postId, PostTrigger.RecordConsent, "carol")).Message);
        Assert.Equal("Replies on X are no text messages: there is no opt-in to record.", (await _host.ActAsync(xPost, PostTrigger.RecordConsent, "carol", new CommentInput { Comment = Evidence })).Message);
        Assert.DoesNotContain(Card(await _host.PostAsync(xPost), null).Actions, a => a.Id == nameof(PostTrigger.RecordConsent));
        Assert.Null(await _host.Service<IConsentStore>().GetAsync("sms", "+447700900123"));
    }

    [Fact]
    public async Task A_stop_texted_while_the_post_is_open_shows_on_its_card_and_in_its_history()
    {
        var postId = await ClaimedTextAsync();

        await _host.ReceiveAsync("STOP", source: "sms", threadId: "sms-thread-1", handle: "+447700900123", displayName: "");

        var post = await _host.PostAsync(postId);
        Assert.False(post.Consent!.OptedIn);
        Assert.StartsWith("opted out ", Card(post, "alice").Facts.Single(f => f.Label == "Texts").Value, StringComparison.Ordinal);
        var line = (await _host.Service<IAuditTrail>().ForPostAsync(postId))[^1];
        Assert.Equal((AuditAction.RecordConsent, "system"), (line.Action, line.ActorId));
        Assert.StartsWith("texted \"STOP\"", line.Detail, StringComparison.Ordinal);
        Assert.False((await _host.Service<IConsentStore>().GetAsync("sms", "+447700900123"))!.OptedIn);
    }

    private async Task<string> ClaimedTextAsync()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?", source: "sms", threadId: "sms-thread-1", handle: "+447700900123");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, your parcel arrives tomorrow before noon."));
        return postId;
    }

    private CardModel Card(CustomerPost post, string? viewer) =>
        _host.Service<PostCardBuilder>().Build(post, viewer is null ? null : _host.Service<AccountabilityPolicy>().People.Find(viewer));

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
