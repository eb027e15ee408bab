using System.Net;
using System.Text.RegularExpressions;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.WebConsole;

/// <summary>Declaring and resolving a crisis in the console, through its HTML as a browser without script would.</summary>
public sealed partial class CrisisConsoleTests : IDisposable
{
    private readonly ServiceHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task A_crisis_declared_by_terms_is_confirmed_with_its_count_then_moves_its_posts_and_resolving_returns_them()
    {
        var outages = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            outages.Add(await _host.ReceiveAsync($"Outage again, nothing loads ({i})", handle: $"@out{i}"));
        }

        var parcel = await _host.ReceiveAsync("Where is my parcel?", handle: "@parcel");
        var sam = new ConsoleSession(_host.NewClient());
        await sam.SignInAsync("sam");

        Assert.Contains("Declare a crisis by terms", await sam.PageAsync("/console/crises"), StringComparison.Ordinal);
        var confirm = await sam.PageAsync("/console/crises/declare?queue=support&terms=outage&since=60");
        Assert.Contains("Declare a crisis for &#x27;outage&#x27; in Support: 5 open posts will move to the crisis team (Sam Rivera).", confirm, StringComparison.Ordinal);
        Assert.All(outages, id => Assert.Equal(PostState.Open, _host.PostAsync(id).Result.State));

        var declared = await SubmitAsync(sam, confirm, "DeclareCrisis");
        Assert.Equal("Crisis declared for 'outage' in Support: 5 posts moved to the crisis team; new posts about it join as they arrive.", declared);
        Assert.All(outages, id => Assert.Equal(PostState.Crisis, _host.PostAsync(id).Result.State));
        Assert.Equal(PostState.Open, (await _host.PostAsync(parcel)).State);

        // Declared twice: answered as declared already, nothing moved again.
        var again = await SubmitAsync(sam, confirm, "DeclareCrisis");
        Assert.StartsWith("A crisis for 'outage' in Support was declared already by Sam Rivera at", again, StringComparison.Ordinal);

        var list = await sam.PageAsync("/console/crises");
        Assert.Contains("declared by Sam Rivera", list, StringComparison.Ordinal);
        var resolved = await SubmitAsync(sam, list, "ResolveCrisis");
        Assert.Equal("Crisis resolved for 'outage': 5 posts back in Support with their SLA restarted.", resolved);
        Assert.All(outages, id => Assert.Equal(PostState.Open, _host.PostAsync(id).Result.State));
        Assert.Contains("resolved by Sam Rivera", await sam.PageAsync("/console/crises"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frontline_staff_are_refused_with_the_guard_sentence_and_nothing_moves()
    {
        var outage = await _host.ReceiveAsync("Outage again, nothing loads");
        var sam = new ConsoleSession(_host.NewClient());
        await sam.SignInAsync("sam");
        var confirm = await sam.PageAsync("/console/crises/declare?queue=support&terms=outage");
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");

        Assert.DoesNotContain("Declare a crisis by terms", await alice.PageAsync("/console/crises"), StringComparison.Ordinal);
        var refused = await SubmitAsync(alice, confirm, "DeclareCrisis", token: ConsoleSession.FormToken(await alice.PageAsync("/console/crises")));

        Assert.Equal(SpikeAlerts.NotYoursText, refused);
        Assert.Equal(PostState.Open, (await _host.PostAsync(outage)).State);
        Assert.Empty(await _host.Service<ICrisisStore>().DeclaredAsync());
    }

    [Theory]
    [InlineData("queue=nowhere&terms=outage", "Queue: choose one of the queues.")]
    [InlineData("queue=support&terms=the+and+of", "Terms: Name at least one word")]
    [InlineData("queue=support&terms=outage&since=7", "Since: choose how far back")]
    public async Task A_request_with_a_bad_field_is_answered_with_a_sentence_naming_it(string query, string sentence)
    {
        var sam = new ConsoleSession(_host.NewClient());
        await sam.SignInAsync("sam");

        using var response = await sam.Client.GetAsync($"/console/crises/declare?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(sentence, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await _host.Service<ICrisisStore>().DeclaredAsync());
    }

    [Fact]
    public async Task A_spike_page_shows_its_alert_and_declares_it_through_the_confirm_page()
    {
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(await _host.ReceiveAsync($"Login broken, password reset fails ({i})", handle: $"@login{i}"));
        }

        var now = _host.Time.GetUtcNow();
        var spike = new Spike("spike-1", "support", ["password reset", "password"], now, now.AddMinutes(10), 3, 1, [0, 0, 0, 0, 0, 0, 0, 0, 1, 2], [posts[0]]);
        await _host.Service<ISpikeStore>().OpenAsync(spike, spike.Terms, []);
        var dan = new ConsoleSession(_host.NewClient());
        await dan.SignInAsync("dan");

        var page = await dan.PageAsync("/console/spikes/spike-1");
        Assert.Contains("Possible crisis in Support: 3 posts about &#x27;password reset&#x27;", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/crises/declare?spike=spike-1\"", page, StringComparison.Ordinal);
        var confirm = await dan.PageAsync("/console/crises/declare?spike=spike-1");
        Assert.Contains("3 open posts will move to the crisis team", confirm, StringComparison.Ordinal);

        Assert.StartsWith("Crisis declared for 'password reset', 'password' in Support: 3 posts moved", await SubmitAsync(dan, confirm, "DeclareCrisis"), StringComparison.Ordinal);
        page = await dan.PageAsync("/console/spikes/spike-1");
        Assert.Contains("Crisis declared by Dan Weber", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/console/crises/declare?spike=", page, StringComparison.Ordinal);
        Assert.Equal("Crisis resolved for 'password reset', 'password': 3 posts back in Support with their SLA restarted.", await SubmitAsync(dan, page, "ResolveCrisis"));
    }

    [Fact]
    public async Task Nobody_signed_out_sees_a_crisis_or_a_spike()
    {
        using var client = _host.NewClient();
        foreach (var path in new[] { "/console/crises", "/console/crises/declare?queue=support&terms=outage", "/console/spikes/spike-1" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Submits the page's form of <paramref name="action"/> with its hidden fields; answers the notice shown after.</summary>
    private static async Task<string?> SubmitAsync(ConsoleSession session, string page, string action, string? token = null)
    {
        var form = FormPattern().Matches(page).First(m => m.Groups["action"].Value == action);
        var fields = HiddenPattern().Matches(form.Groups["body"].Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        using var response = await session.Client.PostAsync(WebUtility.HtmlDecode(form.Groups["url"].Value), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ConsoleSession.Notice(await session.PageAsync(response.Headers.Location!.OriginalString));
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<url>[^\"]+)\" class=\"action action-(?<action>\\w+)\">(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\" ?/?>")]
    private static partial Regex HiddenPattern();
}
