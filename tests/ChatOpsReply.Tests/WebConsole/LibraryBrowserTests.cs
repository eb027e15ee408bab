using ChatOpsReply.Delivery;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatOpsReply.Tests.Console;

/// <summary>The answer library in a real browser: managers curate it, legal approves, agents reply from it.</summary>
public sealed class LibraryBrowserTests : IAsyncLifetime
{
    /// <summary>The customer's channel takes every reply, so the page can say it was answered.</summary>
    private readonly ServiceHost _host = new(services: s => s.AddSingleton<IReplySender>(new AcceptingReplySender()));
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _host.UseKestrel(0);
        _host.StartServer();
        _baseUrl = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _host.ClientOptions.BaseAddress = new Uri(_baseUrl);
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    private Task<IPage> SignedInAsync(string person, string path = "/console/library") => Browser.SignedInPageAsync(_browser, _baseUrl, person, path);

    [Fact]
    public async Task A_manager_writes_previews_saves_approves_edits_and_finds_an_answer_with_a_typo()
    {
        var page = await SignedInAsync("dan");
        await page.ClickAsync("text=New answer");
        await page.FillAsync("#answer-title", "Parcel delayed by the carrier");
        await page.FillAsync("#answer-body", "Hi {customer.name}, your parcel is delayed by {days} days. Sorry! {agent.name}");
        await page.FillAsync("#answer-placeholders", "days=two");
        await page.FillAsync("#answer-tags", "delivery, delay");
        await page.ClickAsync("button[value='preview']");
        Assert.Equal("Hi Ana, your parcel is delayed by two days. Sorry! Dan", await page.InnerTextAsync(".answer-preview blockquote"));

        await page.ClickAsync("button[value='save']");
        await page.WaitForSelectorAsync("text=as a draft");
        Assert.Equal("draft", await page.InnerTextAsync("article.answer .answer-status"));
        await page.ClickAsync("form.action-approve button");
        await page.WaitForSelectorAsync("p.notice:has-text('Approved.')");

        await page.FillAsync("#answer-body", "Hi {customer.name}, your parcel is late by {days} days. Sorry! {agent.name}");
        await page.ClickAsync("button[value='save']");
        await page.WaitForSelectorAsync("text=it is a draft again");
        Assert.Equal("delayed", await page.InnerTextAsync(".answer-history li[data-version='3'] del"));
        Assert.Equal("late", await page.InnerTextAsync(".answer-history li[data-version='3'] ins"));

        await page.GotoAsync($"{_baseUrl}/console/library?q=parcle");
        Assert.Equal(["parcel-delayed-by-the-carrier"], await page.Locator("table.answers tr[data-answer-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.answerId)"));
    }

    [Fact]
    public async Task Only_legal_sees_and_uses_approve_on_an_answer_marked_legal()
    {
        var created = await _host.Service<LibraryCuration>().CreateAsync(_host.Person("dan"), new AnswerDocument { Id = "court", Title = "Court letters", Body = "Hi {customer.name}, please send the letter to legal@example.com.", Legal = true });
        Assert.True(created.Succeeded);

        var manager = await SignedInAsync("dan", "/console/library/court");
        Assert.Equal(0, await manager.Locator("form.action-approve").CountAsync());
        var legal = await SignedInAsync("lena", "/console/library/court");
        await legal.ClickAsync("form.action-approve button");

        await legal.WaitForSelectorAsync("text=Approved by legal");
        Assert.StartsWith("approved by Lena Fischer", await legal.InnerTextAsync("dl.facts dt:has-text('Legal') + dd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_picks_a_suggested_answer_the_reply_is_filled_in_and_goes_out_without_a_second_approval()
    {
        var answer = await _host.ApprovedAnswerAsync(new AnswerDocument
        {
            Id = "lost-parcel-lawyer",
            Title = "Lost parcel, customer mentions a lawyer",
            Body = "Hi {customer.name}, I am sorry your parcel never arrived. We are sending a new one today and our customer relations team will email you. {agent.name}",
            Legal = true,
        });
        var postId = await _host.ReceiveAsync("My parcel never arrived and I am talking to my lawyer.");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        var page = await SignedInAsync("alice", $"/console/posts/{postId}");

        await page.SelectOptionAsync("select[name='answerId']", answer.Id);
        var expected = "Hi Ana, I am sorry your parcel never arrived. We are sending a new one today and our customer relations team will email you. Alice";
        await page.WaitForFunctionAsync("text => document.querySelector(\"textarea[name='text']\").value === text", expected);
        Assert.Equal(answer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync("input[name='answerVersion']"));
        await page.ClickAsync("button[value='SubmitDraft']");
        await page.WaitForSelectorAsync("text=ready to send");
        await page.ClickAsync("button[value='Send']");
        // The card says it is being sent until the customer's platform has it; the outbox then tells the page.
        await page.WaitForSelectorAsync(".state[data-state='Sending']");
        await ConsolePages.ListeningAsync(page);
        await _host.DeliverAsync();
        await page.WaitForSelectorAsync(".state[data-state='Answered']");

        Assert.Equal(PostState.Sent, (await _host.PostAsync(postId)).State);
        Assert.Equal(1, (await _host.Service<ICannedAnswerStore>().UsageAsync())[answer.Id].Count);
        await page.GotoAsync($"{_baseUrl}/console/library");
        Assert.Equal("1", await page.InnerTextAsync($"tr[data-answer-id='{answer.Id}'] td.usage"));
    }

    [Fact]
    public async Task Importing_a_file_with_bad_rows_shows_each_line_and_imports_nothing()
    {
        var page = await SignedInAsync("dan");
        await page.SetInputFilesAsync("#import-file", new FilePayload
        {
            Name = "answers.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("title,body,queues\nGood one,Fine text,\nBad queue,Text,nowhere\n,No title,\n"),
        });
        await page.ClickAsync("form.library-import button");

        var errors = await page.Locator(".import-errors li").AllInnerTextsAsync();
        Assert.Equal(["Line 3, queues: There is no queue \"nowhere\"; the queues are billing, office, support.", "Line 4, title: Give the answer a title people will recognise."], errors);
        Assert.Empty((await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers);
    }
}
