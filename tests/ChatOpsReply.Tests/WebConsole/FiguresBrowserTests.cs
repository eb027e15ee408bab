using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Playwright;

namespace ChatOpsReply.Tests.Console;

/// <summary>A lead's look at a month of figures in headless Chromium: charts with their words, axe-core, mobile width, and a drill-down to the posts behind a figure.</summary>
public sealed class FiguresBrowserTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _host = ServiceHost.StartOnKestrel();
        await GeneratedMonth.WriteAsync(_host.Service<IPostStore>(), GeneratedMonth.Build(300));
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task A_lead_reads_a_month_of_figures_as_charts_and_words_and_drills_down_to_the_posts_that_missed_a_limit()
    {
        var page = await Browser.SignedInPageAsync(_browser, _host.BaseUrl, "carol");
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(A_lead_reads_a_month_of_figures_as_charts_and_words_and_drills_down_to_the_posts_that_missed_a_limit), async () =>
        {
            await page.ClickAsync("nav.sections a:has-text('Figures')");
            await page.SelectOptionAsync("#g-period", "30d");
            await page.ClickAsync("form.figures-filters button[type='submit']");
            await page.WaitForSelectorAsync("h2#daily-title");

            Assert.Equal(3, await page.Locator("svg.chart-svg[role='img']").CountAsync());
            Assert.Contains("the median was over the SLA line", await page.Locator("#daily-chart-desc").TextContentAsync(), StringComparison.Ordinal);
            Assert.StartsWith("Busiest hours:", await page.Locator("#arrivals-chart-desc").TextContentAsync(), StringComparison.Ordinal);
            Assert.Contains("Billing:", await page.Locator("#compliance-chart-desc").TextContentAsync(), StringComparison.Ordinal);
            var text = await page.InnerTextAsync("main");
            Assert.Contains("SLA line: the first tier's claim and reply limits of Support", text, StringComparison.Ordinal);
            Assert.Contains("Hours in UTC.", text, StringComparison.Ordinal);
            Assert.Empty(await ConsolePages.AccessibilityProblemsAsync(page));

            await page.ClickAsync("text=The posts that missed an SLA limit");
            await page.WaitForSelectorAsync("table.post-list");
            var listed = await page.Locator("table.post-list tr[data-post-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.postId)");
            Assert.NotEmpty(listed);
            foreach (var id in listed)
            {
                Assert.True((await _host.PostAsync(id)).SlaBreaches > 0, $"{id} is listed among the posts that missed a limit but never did");
            }

            Assert.Empty(await ConsolePages.AccessibilityProblemsAsync(page));
        });
    }

    [Fact]
    public async Task The_figures_page_fits_a_phone_without_sideways_scrolling()
    {
        var page = await Browser.SignedInPageAsync(_browser, _host.BaseUrl, "dan", "/console/figures?period=30d", width: 390);
        await ConsolePages.KeepScreenshotOnFailureAsync(page, nameof(The_figures_page_fits_a_phone_without_sideways_scrolling), async () =>
        {
            Assert.Equal(0, await ConsolePages.SidewaysOverflowAsync(page));
            Assert.Empty(await ConsolePages.AccessibilityProblemsAsync(page));
        });
    }
}
