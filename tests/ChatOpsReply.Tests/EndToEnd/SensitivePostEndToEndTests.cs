using System.Net;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.EndToEnd;

/// <summary>
/// The whole path a newcomer watches: a signed sensitive post arrives, frontline claims and
/// drafts it in the console, legal approves, the reply goes out, and the history shows every step.
/// </summary>
public sealed class SensitivePostEndToEndTests : IDisposable
{
    /// <summary>The customer's channel takes every reply, so the post can say it reached them.</summary>
    private readonly ServiceHost _host = new(services: s => s.AddSingleton<IReplySender>(new AcceptingReplySender()));

    [Fact]
    public async Task A_sensitive_post_goes_from_received_to_reply_sent_with_every_step_audited()
    {
        using var raw = _host.NewClient();
        using var received = await _host.PostSignedAsync(raw, """
            {"source":"x","externalId":"1791","author":{"handle":"@ana","displayName":"Ana Lopez"},"text":"Your product burned my hand. My lawyer will be in touch."}
            """);
        Assert.Equal(HttpStatusCode.Accepted, received.StatusCode);
        var postId = System.Text.Json.JsonDocument.Parse(await received.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var alice = new ConsoleSession(_host.NewClient());
        var dashboard = await alice.SignInAsync("alice");
        Assert.Contains("Sensitive: legal", dashboard, StringComparison.Ordinal);
        Assert.Contains("Your product burned my hand.", dashboard, StringComparison.Ordinal);

        _host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("Done.", await alice.ClickAsync(postId, "Claim"));
        _host.Time.Advance(TimeSpan.FromMinutes(4));
        var notice = await alice.ClickAsync(postId, "SubmitDraft", new Dictionary<string, string>
        {
            ["text"] = "Hi Ana, I am so sorry. Please send us a direct message with your order number so we can help right away.",
        });
        Assert.Equal("Done.", notice);
        Assert.Equal(PostState.AwaitingApproval, (await _host.PostAsync(postId)).State);
        Assert.DoesNotContain("Send", ConsoleSession.Buttons(await alice.PageAsync($"/console/posts/{postId}")));

        var lena = new ConsoleSession(_host.NewClient());
        var lenasView = await lena.SignInAsync("lena");
        Assert.Contains("Needs you (1)", lenasView, StringComparison.Ordinal);
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Done.", await lena.ClickAsync(postId, "Approve"));

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Done.", await alice.ClickAsync(postId, "Send"));
        await _host.DeliverAsync();

        var post = await _host.PostAsync(postId);
        Assert.Equal(PostState.Sent, post.State);
        Assert.Equal(TestConfig.Stored(_host.Time.GetUtcNow()), await _host.Service<ISentReplies>().DeliveredAtAsync(postId, 1));

        var trail = await _host.Service<IAuditTrail>().ForPostAsync(postId);
        Assert.Equal(
            [
                (AuditAction.Received, "system", (PostState?)null, PostState.Open),
                (AuditAction.Claim, "alice", PostState.Open, PostState.Claimed),
                (AuditAction.SubmitDraft, "alice", PostState.Claimed, PostState.AwaitingApproval),
                (AuditAction.Approve, "lena", PostState.AwaitingApproval, PostState.Approved),
                (AuditAction.Send, "alice", PostState.Approved, PostState.Sent),
                (AuditAction.DeliveryReported, "system", PostState.Sent, PostState.Sent),
            ],
            trail.Select(e => (e.Action, e.ActorId, e.From, e.To)));
        Assert.All(trail.Skip(1).SkipLast(1), e => Assert.Equal("console", e.Surface));
        Assert.Equal("delivery", trail[^1].Surface);
        Assert.Equal(
            [TestConfig.Start, TestConfig.Start.AddMinutes(2), TestConfig.Start.AddMinutes(6), TestConfig.Start.AddMinutes(11), TestConfig.Start.AddMinutes(12), TestConfig.Start.AddMinutes(12)],
            trail.Select(e => e.At));

        var final = await alice.PageAsync($"/console/posts/{postId}");
        Assert.Contains("data-state=\"Answered\"", final, StringComparison.Ordinal);
        Assert.Contains("Alice Martin: Hi Ana, I am so sorry.", final, StringComparison.Ordinal);
        Assert.Contains("approved the reply", final, StringComparison.Ordinal);
        Assert.Equal(["Close", "DeclareCrisis"], ConsoleSession.Buttons(final));
    }

    [Fact]
    public async Task A_click_on_a_stale_page_is_refused_with_the_reason_and_changes_nothing()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var alice = new ConsoleSession(_host.NewClient());
        var bob = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");
        await bob.SignInAsync("bob");
        var bobsClaim = await bob.PrepareClickAsync(postId, "Claim");

        await alice.ClickAsync(postId, "Claim");
        var notice = await bobsClaim();

        Assert.Equal("Alice Martin already claimed this post.", notice);
        var post = await _host.PostAsync(postId);
        Assert.Equal(("alice", 2L), (post.Owner, post.Version));
    }

    [Fact]
    public async Task A_form_submitted_twice_is_applied_once()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");
        var claim = await alice.PrepareClickAsync(postId, "Claim");

        Assert.Equal("Done.", await claim());
        Assert.Equal("Done already.", await claim());
        Assert.Equal(2, (await _host.PostAsync(postId)).Version);
    }

    [Fact]
    public async Task A_form_without_the_anti_forgery_token_is_refused()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");

        using var response = await alice.Client.PostAsync($"/console/posts/{postId}/actions", new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "Claim" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(PostState.Open, (await _host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task Someone_who_has_not_picked_an_identity_is_sent_to_sign_in_and_sees_no_post()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        using var visitor = _host.NewClient();

        using var response = await visitor.GetAsync($"/console/posts/{postId}");
        var signIn = await new ConsoleSession(visitor).PageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location.AbsolutePath);
        Assert.DoesNotContain("Where is my order?", signIn, StringComparison.Ordinal);
        Assert.Empty(ConsoleSession.Buttons(signIn));
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
