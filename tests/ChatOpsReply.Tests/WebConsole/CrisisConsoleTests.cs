using System.Net;
using System.Text.RegularExpressions;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Holding;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
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

    [Fact]
    public async Task A_holding_statement_is_chosen_with_previews_approved_by_legal_and_each_post_of_the_crisis_is_named_with_how_it_went()
    {
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "outage-holding", Title = "Outage holding line", Body = "Hi {customer.name}, we know nothing loads and are working on it.", CrisisSafe = true });
        await _host.ApprovedAnswerAsync(new AnswerDocument { Id = "cheerful", Title = "Thanks!", Body = "Hi {customer.name}, thanks so much for writing!" });
        var ana = await _host.ReceiveAsync("Outage again, nothing loads", handle: "@ana", displayName: "Ana Lopez");
        // Ana wrote first, so the previews are filled in for her.
        _host.Time.Advance(TimeSpan.FromSeconds(5));
        var ben = await _host.ReceiveAsync("Outage: nothing loads on my phone", source: "sms", handle: "+447700900123", displayName: "Ben Carter");
        var sam = new ConsoleSession(_host.NewClient());
        await sam.SignInAsync("sam");
        await SubmitAsync(sam, await sam.PageAsync("/console/crises/declare?queue=support&terms=outage&since=60"), "DeclareCrisis");

        // Frontline staff see the crisis but cannot choose its statement.
        var alice = new ConsoleSession(_host.NewClient());
        await alice.SignInAsync("alice");
        Assert.DoesNotContain("action-ProposeHolding", await alice.PageAsync("/console/crises"), StringComparison.Ordinal);

        // Sam sees the crisis-safe answers only, each as one of the crisis's customers would get it.
        var list = await sam.PageAsync("/console/crises");
        Assert.Contains("Hi Ana, we know nothing loads and are working on it.", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        Assert.DoesNotContain("thanks so much", list, StringComparison.Ordinal);
        var crisisId = Assert.Single(await _host.Service<ICrisisStore>().DeclaredAsync()).Id;

        // Nothing chosen: 400 naming the field, nothing recorded.
        using (var none = await sam.Client.PostAsync($"/console/crises/{crisisId}/holding", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ConsoleSession.FormToken(list) })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
            Assert.Contains(HoldingStatements.ChooseText, WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Null((await _host.Service<ICrisisStore>().GetAsync(crisisId))!.Holding);
        Assert.StartsWith("Holding statement \"Outage holding line\" chosen: it waits for legal's approval", await PostAsync(sam, list, $"/console/crises/{crisisId}/holding", new() { ["answer"] = "outage-holding" }), StringComparison.Ordinal);
        list = await sam.PageAsync("/console/crises");
        Assert.Contains("Sam Rivera chose &quot;Outage holding line&quot; as the holding statement", list.Replace("&#x22;", "&quot;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("action-ApproveHolding", list, StringComparison.Ordinal);

        // Legal rejects only with a reason: without one, 400 naming it, and what was typed stays.
        var lena = new ConsoleSession(_host.NewClient());
        await lena.SignInAsync("lena");
        var legal = await lena.PageAsync("/console/crises");
        Assert.Contains("action-ApproveHolding", legal, StringComparison.Ordinal);
        var holdingId = (await _host.Service<ICrisisStore>().GetAsync(crisisId))!.Holding!.Id;
        using (var blank = await lena.Client.PostAsync($"/console/crises/{crisisId}/holding/reject", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ConsoleSession.FormToken(legal), ["holding"] = holdingId, ["reason"] = "   " })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
            Assert.Contains(HoldingStatements.ReasonText, WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.StartsWith("Holding statement \"Outage holding line\" rejected: Say when it will be back. Sam Rivera can choose another.", await PostAsync(lena, legal, $"/console/crises/{crisisId}/holding/reject", new() { ["holding"] = holdingId, ["reason"] = "Say when it will be back." }), StringComparison.Ordinal);

        // Chosen again and approved: Ana's gets it; Ben never agreed to texts, so his is named with why.
        await PostAsync(sam, await sam.PageAsync("/console/crises"), $"/console/crises/{crisisId}/holding", new() { ["answer"] = "outage-holding" });
        var approved = await SubmitAsync(lena, await lena.PageAsync("/console/crises"), "ApproveHolding");
        Assert.Equal("Holding statement \"Outage holding line\" approved. On its way to 1 post, each on its own channel. 1 post not sent:\n• Ben Carter (+447700900123) on SMS: Ben has not opted in to text messages: reply another way.", approved);
        Assert.Equal("Hi Ana, we know nothing loads and are working on it.", Assert.Single((await _host.PostAsync(ana)).Replies).Text);
        Assert.Empty((await _host.PostAsync(ben)).Replies);
        var page = WebUtility.HtmlDecode(await sam.PageAsync("/console/crises"));
        Assert.Contains("Not sent: Ben has not opted in to text messages: reply another way.", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console/posts/{ana}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_signed_out_chooses_or_approves_a_holding_statement()
    {
        using var client = _host.NewClient();
        foreach (var path in new[] { "/console/crises/c1/holding", "/console/crises/c1/holding/approve", "/console/crises/c1/holding/reject" })
        {
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "outage-holding", ["holding"] = "h1" }));
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("Holding statement", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/> with the page's form token; answers the notice shown after.</summary>
    private static async Task<string?> PostAsync(ConsoleSession session, string page, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = ConsoleSession.FormToken(page);
        using var response = await session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ConsoleSession.Notice(await session.PageAsync(response.Headers.Location!.OriginalString));
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
