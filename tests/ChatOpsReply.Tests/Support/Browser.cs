using Microsoft.Playwright;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// Headless Debian Chromium driven by Playwright. Flags keep it off the network (this machine
/// has none beyond the package registries) and independent of any profile.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./test.sh installs the Debian chromium package.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>A new page signed in as a demo person: open a console path, choose who you are on the sign-in page it leads to, land back there.</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowser browser, string baseUrl, string person, string path = "/console", int width = 1280)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync($"{baseUrl}{path}");
        await page.SelectOptionAsync("#person", person);
        await page.ClickAsync("form.identity button");
        await page.WaitForSelectorAsync("p.notice");
        return page;
    }
}
