using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Console;

/// <summary>The figures page over HTTP: who may see it, what a bad filter gets, the CSV, and the links to the posts behind a figure.</summary>
public sealed partial class FiguresPageTests : IDisposable
{
    private readonly ServiceHost _host = new(services: s => s.AddSingleton<IReplySender>(new AcceptingReplySender()));

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    private async Task<ConsoleSession> SignedInAsync(string person)
    {
        var session = new ConsoleSession(_host.NewClient());
        await session.SignInAsync(person);
        return session;
    }

    [Theory]
    [InlineData("/console/figures")]
    [InlineData("/console/figures.csv")]
    public async Task Someone_not_signed_in_gets_no_figures(string path)
    {
        await _host.ReceiveAsync("Order 4411 never came");
        using var client = _host.NewClient();

        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("4411", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Time to claim", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("lena")]
    [InlineData("sam")]
    public async Task People_who_are_not_leads_managers_or_admins_are_told_figures_are_not_for_them(string person)
    {
        var session = await SignedInAsync(person);

        using var page = await session.Client.GetAsync("/console/figures");
        using var csv = await session.Client.GetAsync("/console/figures.csv");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Figures are for leads, managers and admins", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Time to claim", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/console/figures\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal("application/problem+json", csv.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("carol")]
    [InlineData("dan")]
    [InlineData("ada")]
    public async Task Leads_managers_and_admins_see_the_figures_with_their_definitions(string person)
    {
        var session = await SignedInAsync(person);

        var html = await session.PageAsync("/console/figures");

        Assert.Contains("href=\"/console/figures\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Figures</h1>", html, StringComparison.Ordinal);
        Assert.Contains("From the post's arrival to the first reply sent to the customer, waiting for approval included.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_period_that_ends_before_it_starts_is_refused_with_a_sentence_on_the_page_and_a_problem_naming_the_field()
    {
        var session = await SignedInAsync("dan");

        using var page = await session.Client.GetAsync("/console/figures?period=custom&from=2026-11-20&to=2026-11-10");
        using var csv = await session.Client.GetAsync("/console/figures.csv?period=custom&from=2026-11-20&to=2026-11-10");
        var html = await page.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(await csv.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("role=\"alert\" id=\"figures-problem\">The last day comes before the first day. Nothing was computed.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"g-to\" name=\"to\" value=\"2026-11-10\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("to", problem.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_CSV_holds_one_row_per_post_with_its_times_in_minutes()
    {
        var answered = await _host.ReceiveAsync("My parcel 4411 has not arrived yet, could you check?");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(5));
        await _host.ActAsync(answered, PostTrigger.Claim, "alice");
        var waiting = await _host.ReceiveAsync("Where is my refund for order 5522?", handle: "@marc", displayName: "Marc Roy");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(10));
        await _host.ActAsync(answered, PostTrigger.SubmitDraft, "alice", new DraftInput(TestPosts.GoodReply));
        await _host.ActAsync(answered, PostTrigger.Send, "alice");
        var session = await SignedInAsync("carol");

        using var response = await session.Client.GetAsync("/console/figures.csv?period=today");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("post,source,queue,tier,owner,state,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        var row = lines.Single(l => l.StartsWith(answered + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["x", "support", "frontline", "alice", "Sent"], row[1..6]);
        Assert.Equal(["5", "5", "15", "15", "true", "true"], row[12..]);
        var open = lines.Single(l => l.StartsWith(waiting + ",", StringComparison.Ordinal)).Split(',');
        // Ten minutes unclaimed is within the claim limit: not known yet.
        Assert.Equal(["", "", "", "", "", ""], open[12..]);
    }

    [Fact]
    public async Task The_link_behind_missed_limits_lists_exactly_the_posts_that_missed_one()
    {
        var late = await _host.ReceiveAsync("Order 7001 is late, can someone look?", handle: "@late");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(16));
        var onTime = await _host.ReceiveAsync("Order 7002 question about sizes", handle: "@ontime");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(2));
        await _host.ActAsync(onTime, PostTrigger.Claim, "alice");
        var session = await SignedInAsync("dan");

        var figures = await session.PageAsync("/console/figures?period=today");
        var link = WebUtility.HtmlDecode(MissedLink().Match(figures).Groups["href"].Value);
        var list = await session.PageAsync(link);

        Assert.StartsWith("/console?", link, StringComparison.Ordinal);
        Assert.Contains($"data-post-id=\"{late}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-post-id=\"{onTime}\"", list, StringComparison.Ordinal);
        Assert.Contains("(the figures' period)", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tier_cut_links_to_the_posts_that_tier_holds_and_the_list_keeps_the_tier_in_its_form()
    {
        var escalated = await _host.ReceiveAsync("Order 7101 is late, can someone look?", handle: "@late");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(16));
        var frontline = await _host.ReceiveAsync("Order 7102 question about sizes", handle: "@ontime");
        await _host.ActAsync(frontline, PostTrigger.Claim, "alice");
        var session = await SignedInAsync("dan");

        var figures = await session.PageAsync("/console/figures?period=today&tier=2");
        var link = WebUtility.HtmlDecode(SeeLink().Match(figures).Groups["href"].Value);
        var list = await session.PageAsync(link);

        Assert.Contains("tier=2", link, StringComparison.Ordinal);
        Assert.Contains($"data-post-id=\"{escalated}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-post-id=\"{frontline}\"", list, StringComparison.Ordinal);
        Assert.Matches("<option value=\"2\" selected[^>]*>2 · lead", list);
    }

    [Fact]
    public async Task A_row_of_breaches_by_tier_links_to_the_posts_that_missed_a_limit_at_that_tier()
    {
        var atFrontline = await _host.ReceiveAsync("Order 7201 is late", handle: "@first");
        var atLead = await _host.ReceiveAsync("Order 7202 is late", handle: "@second");
        await _host.ActAsync(atLead, PostTrigger.Claim, "alice");
        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(atLead, PostTrigger.Escalate, "alice", new CommentInput { Comment = "Needs a refund above my limit" })).Outcome);
        // Sixteen minutes: the first misses frontline's claim limit, the second the lead's.
        await _host.AdvanceAsync(TimeSpan.FromMinutes(16));
        // The administrator, on whom nothing waits: every post the filters find is a row of the list.
        var session = await SignedInAsync("ada");

        var figures = WebUtility.HtmlDecode(await session.PageAsync("/console/figures?period=today"));
        var leadRow = BreachRow().Matches(figures).Single(m => m.Groups["tier"].Value == "2 · lead");
        var list = await session.PageAsync(leadRow.Groups["href"].Value);

        Assert.Contains("missedAt=2", leadRow.Groups["href"].Value, StringComparison.Ordinal);
        Assert.Contains($"<tr data-post-id=\"{atLead}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"<tr data-post-id=\"{atFrontline}\"", list, StringComparison.Ordinal);
        Assert.Contains("missed a limit while tier 2 had them", list, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr><td>[^<]*</td><td>(?<tier>[^<]+)</td><td>\\d+</td><td><a href=\"(?<href>[^\"]+)\">")]
    private static partial Regex BreachRow();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\">See these posts</a>")]
    private static partial Regex SeeLink();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\">The posts that missed an SLA limit</a>")]
    private static partial Regex MissedLink();
}
