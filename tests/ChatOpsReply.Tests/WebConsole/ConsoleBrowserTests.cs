using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatOpsReply.Tests.Console;

/// <summary>The console in a real browser against the real server on 127.0.0.1: what a person clicks is what happens.</summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        // The customer's channel takes every reply, so the page can say it was answered.
        _host = ServiceHost.StartOnKestrel(services: s => s.AddSingleton<IReplySender>(new AcceptingReplySender()));
        _baseUrl = _host.BaseUrl;
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    [Fact]
    public async Task A_change_made_before_the_pages_event_stream_opens_shows_on_the_posts_page_once_it_opens()
    {
        var postId = await _host.ReceiveAsync("My parcel never arrived, can you check?");
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_baseUrl}/console");
        await page.SelectOptionAsync("#person", "alice");
        await page.ClickAsync("form.identity button");
        await page.WaitForSelectorAsync("text=You are acting as Alice Martin.");
        // The page's event stream is held back while someone else claims the post: no event can tell the page.
        var streamHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/console/events", async route =>
        {
            await streamHeld.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync($"{_baseUrl}/console/posts/{postId}");
        Assert.Equal("Open", await page.Locator(".state").First.GetAttributeAsync("data-state"));
        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(postId, PostTrigger.Claim, "bob")).Outcome);
        streamHeld.SetResult();

        await ConsolePages.ListeningAsync(page);
        await page.WaitForSelectorAsync(".state[data-state='Claimed']");
        Assert.Contains("Bob", await page.Locator("article.card").First.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alice_claims_drafts_and_sends_a_reply_by_clicking_in_the_browser()
    {
        var postId = await _host.ReceiveAsync("My parcel never arrived, can you check?");
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_baseUrl}/console");
        Assert.Contains("Choose who you are", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#person", "alice");
        await page.ClickAsync("form.identity button");
        await page.WaitForSelectorAsync("text=You are acting as Alice Martin.");

        var card = page.Locator($"article[data-post-id='{postId}']").First;
        await card.Locator("button[value='Claim']").ClickAsync();
        await page.WaitForSelectorAsync("text=Done.");
        Assert.Equal("Claimed", await page.Locator($"article[data-post-id='{postId}'] .state").First.InnerTextAsync());

        await page.GotoAsync($"{_baseUrl}/console/posts/{postId}");
        await page.FillAsync("textarea[name='text']", "Hi Ana, I checked: your parcel is at the depot and arrives tomorrow.");
        await page.ClickAsync("button[value='SubmitDraft']");
        await page.WaitForSelectorAsync("text=ready to send");
        await page.ClickAsync("button[value='Send']");
        // The card says it is being sent until the customer's platform has it; the outbox then tells the page.
        await page.WaitForSelectorAsync(".state[data-state='Sending']");
        // The page listens for changes before the outbox delivers (the stream is open).
        await ConsolePages.ListeningAsync(page);
        await _host.DeliverAsync();
        await page.WaitForSelectorAsync(".state[data-state='Answered']");

        var history = await page.InnerTextAsync("section.history");
        Assert.Contains("claimed this", history, StringComparison.Ordinal);
        Assert.Contains("sent the reply", history, StringComparison.Ordinal);
        Assert.Equal(PostState.Sent, (await _host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_draft_that_breaks_the_house_rules_is_refused_with_the_rule_on_the_page()
    {
        var postId = await _host.ReceiveAsync("Is the shop open on Sunday?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_baseUrl}/console");
        await page.SelectOptionAsync("#person", "alice");
        await page.ClickAsync("form.identity button");
        await page.GotoAsync($"{_baseUrl}/console/posts/{postId}");

        await page.FillAsync("textarea[name='text']", "Yes");
        await page.ClickAsync("button[value='SubmitDraft']");

        var notice = await page.Locator("p.notice").InnerTextAsync();
        Assert.Equal("A reply of 1 word reads as curt or robotic: write at least 3 words, like a person would.", notice);
        Assert.Equal(PostState.Claimed, (await _host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task Customer_text_is_shown_as_text_never_as_markup()
    {
        var postId = await _host.ReceiveAsync("<img src=x onerror=\"document.title='pwned'\"><b>bold</b>");
        var page = await SignedInAsync("alice");

        await page.GotoAsync($"{_baseUrl}/console/posts/{postId}");

        Assert.Equal("<img src=x onerror=\"document.title='pwned'\"><b>bold</b>", await page.Locator("blockquote.post-text").InnerTextAsync());
        Assert.Equal(0, await page.Locator("blockquote.post-text img, blockquote.post-text b").CountAsync());
        Assert.DoesNotContain("pwned", await page.TitleAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_page_refreshes_when_someone_else_acts()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        var page = await SignedInAsync("carol");
        await page.GotoAsync($"{_baseUrl}/console/posts/{postId}");
        await ConsolePages.ListeningAsync(page);

        await _host.ActAsync(postId, PostTrigger.Claim, "bob");
        await _host.DeliverAsync();

        await page.WaitForSelectorAsync(".state[data-state='Claimed']", new PageWaitForSelectorOptions { Timeout = 10_000 });
    }

    private Task<IPage> SignedInAsync(string person) => Browser.SignedInPageAsync(_browser, _baseUrl, person);

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }
}
