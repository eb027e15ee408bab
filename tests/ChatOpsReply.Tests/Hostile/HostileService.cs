using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using ChatOpsReply.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Tests.Hostile;

/// <summary>
/// One service on 127.0.0.1 with every endpoint on (Slack, Teams, Twilio, Meta, X, the answers API,
/// the console), shared by the hostile-input properties, and the checks they end with: the process
/// still answers, and no row is half written.
/// </summary>
public sealed class HostileService : IAsyncLifetime
{
    public const string TwilioToken = "hostile-twilio-auth-token";
    public const string TwilioPublicUrl = "https://replies.example.com";
    public const string MetaSecret = "hostile-meta-app-secret";
    public const string XSecret = "hostile-x-consumer-secret";
    public const string SlackSecret = "hostile-slack-signing-secret";
    public const string ApiKey = "hostile-manager-key-0123456789-abcdefghij";

    private readonly List<HttpClient> _browsers = [];

    public FakeBotFramework Teams { get; private set; } = null!;

    public FakeSlack Slack { get; private set; } = null!;

    public ServiceHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public BotFrameworkSender Activities { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Teams = await FakeBotFramework.StartAsync();
        Slack = await FakeSlack.StartAsync();
        var settings = new Dictionary<string, string?>(Teams.Settings)
        {
            ["Slack:BotToken"] = "xoxb-hostile",
            ["Slack:SigningSecret"] = SlackSecret,
            ["Slack:ApiBaseUrl"] = Slack.Url,
            ["Sources:Twilio:AccountSid"] = "AC00000000000000000000000000000001",
            ["Sources:Twilio:AuthToken"] = TwilioToken,
            ["Sources:Twilio:From"] = "+18005551212",
            ["Sources:Twilio:PublicUrl"] = TwilioPublicUrl,
            ["Sources:Twilio:ApiBaseUrl"] = Slack.Url,
            ["Sources:Meta:AppSecret"] = MetaSecret,
            ["Sources:Meta:VerifyToken"] = "hostile-verify",
            ["Sources:Meta:PageAccessToken"] = "EAAhostile",
            ["Sources:Meta:GraphBaseUrl"] = Slack.Url,
            ["Sources:X:ConsumerKey"] = "hostile-x-key",
            ["Sources:X:ConsumerSecret"] = XSecret,
            ["Sources:X:AccessToken"] = "1-hostile",
            ["Sources:X:AccessTokenSecret"] = "hostile-x-token-secret",
            ["Sources:X:AccountId"] = "2244994945",
            ["Sources:X:ApiBaseUrl"] = Slack.Url,
            ["Library:ApiKeys:0:Name"] = "Hostile sync",
            ["Library:ApiKeys:0:Key"] = ApiKey,
            ["Library:ApiKeys:0:Role"] = "manager",
        };
        Host = ServiceHost.StartOnKestrel(settings, Teams.TrustCertificate);
        Client = Host.NewClient();
        Activities = new BotFrameworkSender(Host, Teams);
    }

    public async Task DisposeAsync()
    {
        Activities.Dispose();
        Client.Dispose();
        _browsers.ForEach(b => b.Dispose());
        await Host.DisposeAsync();
        Host.DeleteFolder();
        await Slack.DisposeAsync();
        await Teams.DisposeAsync();
    }

    /// <summary>A client over real HTTP that keeps cookies and does not follow redirects, as a person's browser session (disposed with the fixture).</summary>
    public HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(Host.BaseUrl) };
        _browsers.Add(client);
        return client;
    }

    /// <summary>Posts raw bytes with the given content type and headers; returns the status.</summary>
    public Task<int> SendAsync(string path, byte[] body, string? contentType, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, body, contentType, headers);

    public async Task<int> SendAsync(HttpMethod method, string path, byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Client.SendAsync(request);
        var status = (int)response.StatusCode;
        if (status is 401 or 403 or 404 or 405)
        {
            // What the service said, so a property that finds a refused body says why it was refused.
            var said = await response.Content.ReadAsStringAsync();
            Refusals.Add($"HTTP {status} {path}: {said[..Math.Min(said.Length, 400)]} for {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 600)])}");
        }

        return status;
    }

    /// <summary>Every answer that refused a body before its parser (verification, routing), with what the service said.</summary>
    public ConcurrentBag<string> Refusals { get; } = [];

    /// <summary>The form as the service reads it (UTF-8, invalid bytes as U+FFFD), for signing what it will check.</summary>
    public static Dictionary<string, string> AsRead(byte[] form) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(form)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>After a property: the service answers, nothing it logged is an error, and every stored row is whole.</summary>
    public async Task AssertIntactAsync()
    {
        using (var health = await Client.GetAsync("/healthz"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }

        Assert.True(Host.Errors.Entries.IsEmpty, "The service logged errors:\n" + Host.Errors);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Host.Folder, "chatopsreply.db")};Mode=ReadOnly");
        await db.OpenAsync();
        foreach (var (what, sql) in new[]
        {
            ("posts without their Received audit event", "SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.post_id = p.id)"),
            ("ingested messages pointing at no post", "SELECT count(*) FROM ingested i WHERE i.post_id <> '' AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = i.post_id)"),
            ("outbox messages of no post", "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = o.post_id)"),
            ("audit events of no post", "SELECT count(*) FROM audit a WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = a.post_id)"),
            ("answers without their version in the history", "SELECT count(*) FROM answers a WHERE NOT EXISTS (SELECT 1 FROM answer_versions v WHERE v.answer_id = a.id AND v.version = a.version)"),
        })
        {
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0, $"Half-written rows: {what}.");
        }
    }
}
