using System.Text.Json;
using Microsoft.Playwright;

namespace ChatOpsReply.Tests.Support;

/// <summary>What the browser tests check on every page: axe-core's serious and critical findings, no sideways scrolling; and a screenshot when a test fails.</summary>
public static class ConsolePages
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Repository.PathOf("tests", "js", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>Waits until the page listens for changes (its event stream is open), so a change made after this reaches it.</summary>
    public static Task ListeningAsync(IPage page) =>
        page.WaitForSelectorAsync("html[data-live='1']", new() { State = WaitForSelectorState.Attached });

    /// <summary>axe-core's serious and critical violations on the page as it is now, one line each ("rule: where").</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Evaluated through the browser's debugging channel, so the page's script policy does not block it.
        await page.EvaluateAsync(Axe.Value);
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        return [.. found.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>How far the page scrolls sideways (0 when it fits the viewport).</summary>
    public static Task<int> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>Runs a browser test's steps; when one fails, the page is kept as a screenshot beside the test output.</summary>
    public static async Task KeepScreenshotOnFailureAsync(IPage page, string name, Func<Task> steps)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            await steps();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
            throw;
        }
    }
}
