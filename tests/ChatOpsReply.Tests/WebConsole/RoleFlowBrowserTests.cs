using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ChatOpsReply.Tests.Console;

/// <summary>
/// Each role's day in headless Chromium against the real server: frontline, legal, a lead and a
/// manager, with axe-core on every page they see; a screenshot is kept when a step fails.
/// </summary>
[Collection(RoleFlowCollection.Name)]
public sealed class RoleFlowBrowserTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    // The browser's clock is real, so the service's starts at real time too (20 minutes ago, for SLA clocks).
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddMinutes(-20));

    public async Task InitializeAsync()
    {
        _host = ServiceHost.StartOnKestrel(time: _time);
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    private Task<IPage> SignedInAsync(string person, string path = "/console", int width = 1280) => Browser.SignedInPageAsync(_browser, _host.BaseUrl, person, path, width);

    private static async Task AssertAccessibleAsync(IPage page) =>
        Assert.Empty(await ConsolePages.AccessibilityProblemsAsync(page));

    [Fact]
    public async Task Frontline_claims_drafts_from_an_answer_keeps_the_text_through_a_refusal_and_a_reload_and_sends()
    {
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "order-check", Title = "Checking an order", Body = "Hi {customer.name}, I am checking order {order.number} for you right now. {agent.name}", Placeholders = new Dictionary<string, string?> { ["order.number"] = null } });
        var postId = await _host.ReceiveAsync("Can you check my order? It is late.");
        var page = await SignedInAsync("alice");
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(Frontline_claims_drafts_from_an_answer_keeps_the_text_through_a_refusal_and_a_reload_and_sends), async () =>
        {
            await AssertAccessibleAsync(page);
            var card = page.Locator($"article[data-post-id='{postId}']");
            await card.Locator("button[value='Claim']").ClickAsync();
            await page.WaitForSelectorAsync("p.notice:has-text('Done.')");

            await page.GotoAsync($"{_host.BaseUrl}/console/posts/{postId}");
            await page.SelectOptionAsync("select[name='answerId']", "order-check");
            await page.WaitForFunctionAsync("() => document.querySelector(\"textarea[name='text']\").value.includes('{order.number}')");
            await page.WaitForSelectorAsync(".reply-check .finding.error");
            await AssertAccessibleAsync(page);
            await page.ClickAsync("button[value='SubmitDraft']");

            var refusal = await page.Locator($"article[data-post-id='{postId}'] form.action-SubmitDraft .refusal[role='alert']").InnerTextAsync();
            Assert.Contains("order.number", refusal, StringComparison.Ordinal);
            Assert.Equal("Hi Ana, I am checking order {order.number} for you right now. Alice", await page.InputValueAsync("textarea[name='text']"));

            await page.FillAsync("textarea[name='text']", "Hi Ana, I am checking order 4411 for you right now. Alice");
            await page.WaitForSelectorAsync(".save-status:has-text('Draft saved')");
            await page.ReloadAsync();
            Assert.Equal("Hi Ana, I am checking order 4411 for you right now. Alice", await page.InputValueAsync("textarea[name='text']"));

            await page.ClickAsync("button[value='SubmitDraft']");
            await page.WaitForSelectorAsync("text=ready to send");
            Assert.Equal("Send to Ana on X now", await page.InnerTextAsync("form.action-Send button"));
            await page.ClickAsync("button[value='Send']");
            // Sent by us, not yet taken by the platform: the card says so rather than "Answered".
            await page.WaitForSelectorAsync(".state[data-state='Sending']");
            await AssertAccessibleAsync(page);
            Assert.Equal(PostState.Sent, (await _host.PostAsync(postId)).State);
        });
    }

    [Fact]
    public async Task Legal_approves_one_reply_and_sends_another_back_with_what_should_change()
    {
        var approve = await SubmittedSensitiveAsync("My lawyer says the charger burned my desk.");
        var sendBack = await SubmittedSensitiveAsync("I will sue if my data is not deleted.");
        var page = await SignedInAsync("lena");
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(Legal_approves_one_reply_and_sends_another_back_with_what_should_change), async () =>
        {
            Assert.Contains("Needs you (2)", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            await AssertAccessibleAsync(page);
            await page.Locator($"article[data-post-id='{approve}'] button[value='Approve']").ClickAsync();
            await page.WaitForSelectorAsync($"article[data-post-id='{approve}'] :text('approved by Lena Fischer')");

            var card = page.Locator($"article[data-post-id='{sendBack}']");
            await card.Locator("form.action-RequestChanges textarea, form.action-RequestChanges input[name='comment']").FillAsync("Do not promise deletion; say we will review the request within 30 days.");
            await card.Locator("button[value='RequestChanges']").ClickAsync();
            await page.WaitForSelectorAsync($"article[data-post-id='{sendBack}'] :text('changes requested by Lena Fischer')");
        });

        Assert.Equal((PostState.Approved, PostState.Claimed), ((await _host.PostAsync(approve)).State, (await _host.PostAsync(sendBack)).State));
    }

    [Fact]
    public async Task A_lead_hands_two_posts_to_bob_at_once_and_each_is_audited()
    {
        var first = await _host.ReceiveAsync("Where is my refund?");
        var second = await _host.ReceiveAsync("Still waiting for my order");
        var page = await SignedInAsync("carol");
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(A_lead_hands_two_posts_to_bob_at_once_and_each_is_audited), async () =>
        {
            await page.CheckAsync($"article[data-post-id='{first}'] input.select");
            await page.CheckAsync($"article[data-post-id='{second}'] input.select");
            await page.SelectOptionAsync("#bulk-action", "Reassign");
            await page.SelectOptionAsync("#bulk-assign", "bob");
            await page.ClickAsync("form.bulk button[type='submit']");

            Assert.Equal("Done for 2 posts.", await page.InnerTextAsync("p.notice"));
            await AssertAccessibleAsync(page);
        });

        foreach (var postId in new[] { first, second })
        {
            Assert.Equal(("bob", PostState.Claimed), ((await _host.PostAsync(postId)).Owner, (await _host.PostAsync(postId)).State));
            Assert.Contains(await _host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.Reassign && e.ActorId == "carol" && e.Surface == "console");
        }
    }

    [Fact]
    public async Task A_manager_edits_an_answer_and_a_refused_save_keeps_every_word()
    {
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "opening-hours", Title = "Opening hours", Body = "Hi {customer.name}, we are open 9 to 6. {agent.name}" });
        var page = await SignedInAsync("dan", "/console/library/opening-hours");
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(A_manager_edits_an_answer_and_a_refused_save_keeps_every_word), async () =>
        {
            await AssertAccessibleAsync(page);
            await page.FillAsync("#answer-title", "");
            await page.EvaluateAsync("() => document.querySelector('#answer-title').removeAttribute('required')");
            await page.FillAsync("#answer-body", "Hi {customer.name}, we are open 9 to 7 on weekdays. {agent.name}");
            await page.ClickAsync("button[value='save']");
            Assert.Equal("Hi {customer.name}, we are open 9 to 7 on weekdays. {agent.name}", await page.InputValueAsync("#answer-body"));
            Assert.NotEmpty(await page.Locator(".field-title .field-error[role='alert']").AllInnerTextsAsync());
            await AssertAccessibleAsync(page);

            await page.FillAsync("#answer-title", "Opening hours");
            await page.ClickAsync("button[value='save']");
            await page.WaitForSelectorAsync(".answer-history li[data-version='3']");
            Assert.Contains("weekdays", string.Join(" ", await page.Locator(".answer-history li[data-version='3'] ins").AllInnerTextsAsync()), StringComparison.Ordinal);
            Assert.Equal("6", await page.InnerTextAsync(".answer-history li[data-version='3'] del"));
        });
    }

    [Fact]
    public async Task Every_page_fits_a_phone_and_the_identity_menu_is_reachable_there()
    {
        var postId = await _host.ReceiveAsync("A very long complaint: " + string.Concat(Enumerable.Repeat("wordwithoutanybreaks", 8)) + " and more text after it.");
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "phone-check", Title = "Phone check", Body = "Hi {customer.name}, thanks. {agent.name}" });
        var page = await SignedInAsync("carol", width: 390);
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(Every_page_fits_a_phone_and_the_identity_menu_is_reachable_there), async () =>
        {
            foreach (var path in new[] { "/console", "/console?view=list", $"/console/posts/{postId}", "/console/library", "/console/library/phone-check", "/console/library/new" })
            {
                await page.GotoAsync($"{_host.BaseUrl}{path}");
                Assert.True(await ConsolePages.SidewaysOverflowAsync(page) <= 0, $"{path} scrolls sideways by {await ConsolePages.SidewaysOverflowAsync(page)} px at 390 px.");
                Assert.Empty(await ConsolePages.AccessibilityProblemsAsync(page));
            }

            await page.ClickAsync(".identity-menu summary");
            Assert.True(await page.IsVisibleAsync("form.sign-out button"));
            Assert.True(await ConsolePages.SidewaysOverflowAsync(page) <= 0);
        });
    }

    [Fact]
    public async Task SLA_clocks_count_down_turn_amber_under_a_fifth_and_red_when_overdue()
    {
        var overdue = await _host.ReceiveAsync("Hello, anyone there?");
        _time.Advance(TimeSpan.FromMinutes(8));
        var soon = await _host.ReceiveAsync("Is my order shipped yet?");
        var page = await SignedInAsync("sam");
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(SLA_clocks_count_down_turn_amber_under_a_fifth_and_red_when_overdue), async () =>
        {
            var late = page.Locator($"article[data-post-id='{overdue}'] .deadline");
            var close = page.Locator($"article[data-post-id='{soon}'] .deadline");

            Assert.Matches("^Claim overdue by [4-6] min$", await late.InnerTextAsync());
            Assert.Contains("overdue", await late.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Matches("^Claim within [2-4] min$", await close.InnerTextAsync());
            Assert.Contains("soon", await close.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.StartsWith("Claim due ", await close.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
            await AssertAccessibleAsync(page);
        });
    }

    private async Task<string> SubmittedSensitiveAsync(string text)
    {
        var postId = await _host.ReceiveAsync(text);
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, I am sorry to hear this; our team will contact you today."));
        return postId;
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }
}

[CollectionDefinition(Name)]
public sealed class RoleFlowCollection
{
    public const string Name = "Console role flows in the browser";
}
