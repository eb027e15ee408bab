using System.Net;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// Every request to /api/messages is checked as the Bot Framework specifies, with tokens this test
/// signs itself and keys served by a local OpenID metadata server: only a good one gets through.
/// </summary>
public sealed class TeamsAuthenticationTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private ServiceHost _host = null!;
    private BotFrameworkSender _teams = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = ServiceHost.StartOnKestrel(_fake.Settings, _fake.TrustCertificate);
        _teams = new BotFrameworkSender(_host, _fake);
    }

    public async Task DisposeAsync()
    {
        _teams.Dispose();
        await _host.DisposeAsync();
        _host.DeleteFolder();
        await _fake.DisposeAsync();
    }

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    private string Message() => _teams.Activity("channel-message", "alice", new Dictionary<string, string> { ["text"] = "help" });

    [Fact]
    public async Task A_token_signed_by_the_Bot_Framework_for_this_bot_is_accepted()
    {
        using var response = await _teams.PostAsync(Message(), _fake.Token(Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_fake.Of("reply"), c => c.Text!.Contains("Commands:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_for_another_bot_is_rejected()
    {
        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, audience: "11111111-2222-3333-4444-555555555555"));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, "audience");
        Assert.Empty(_fake.Of("reply"));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected()
    {
        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, issuer: "https://sts.windows.net/72f988bf-0000-4000-8000-00000000cafe/"));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, "issuer");
    }

    [Fact]
    public async Task An_expired_token_is_rejected_but_five_minutes_of_clock_skew_are_allowed()
    {
        // Tokens here live an hour from when they were issued.
        using var withinSkew = await _teams.PostAsync(Message(), _fake.Token(Now, age: TimeSpan.FromMinutes(64)));
        using var expired = await _teams.PostAsync(Message(), _fake.Token(Now, age: TimeSpan.FromMinutes(66)));

        Assert.Equal(HttpStatusCode.OK, withinSkew.StatusCode);
        await AssertRejectedAsync(expired, HttpStatusCode.Unauthorized, "expired");
    }

    [Fact]
    public async Task A_token_signed_with_an_unpublished_key_is_rejected_after_looking_for_new_keys()
    {
        using var first = await _teams.PostAsync(Message(), _fake.Token(Now));
        var fetches = _fake.MetadataFetches;

        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, key: _fake.UnknownKey));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, "key");
        Assert.True(_fake.MetadataFetches > fetches, "An unknown key should make the service fetch the keys again.");
    }

    [Fact]
    public async Task A_rolled_over_key_is_picked_up_without_a_restart()
    {
        using var before = await _teams.PostAsync(Message(), _fake.Token(Now));
        _fake.PublishRolledKey = true;

        using var after = await _teams.PostAsync(Message(), _fake.Token(Now, key: _fake.RolledKey));

        Assert.True(after.StatusCode == HttpStatusCode.OK, await after.Content.ReadAsStringAsync() + $" fetches {_fake.MetadataFetches}");
    }

    [Fact]
    public async Task A_token_whose_service_url_is_not_the_activitys_is_rejected()
    {
        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, serviceUrl: "https://smba.trafficmanager.net/emea/"));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, "serviceurl");
    }

    [Fact]
    public async Task A_key_not_endorsed_for_Teams_is_unauthorized_as_the_Bot_Framework_validator_answers()
    {
        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, key: _fake.WebChatKey));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, "endorsed");
    }

    [Fact]
    public async Task A_service_url_claim_that_differs_only_in_case_is_rejected()
    {
        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, serviceUrl: _fake.ServiceUrl.ToUpperInvariant()));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, "serviceurl");
    }

    [Fact]
    public async Task A_lone_surrogate_anywhere_in_a_verified_activity_is_a_bad_request_naming_the_field()
    {
        var activity = _teams.Activity("channel-message", "alice").Replace("\"localTimezone\": \"Europe/Paris\"", "\"localTimezone\": \"Europe/\\ud83d\"", StringComparison.Ordinal);

        using var surrogate = await _teams.PostAsync(activity);

        await AssertRejectedAsync(surrogate, HttpStatusCode.BadRequest, "localTimezone");
        Assert.Empty(_fake.Of("reply"));
    }

    [Fact]
    public async Task An_activity_from_a_blank_Entra_object_id_is_refused_before_anything_is_recorded()
    {
        var activity = _teams.Activity("channel-message", "alice", new Dictionary<string, string> { ["text"] = "help", ["fromAad"] = "   " });

        using var response = await _teams.PostAsync(activity);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, "from.aadObjectId");
        Assert.Empty(await _host.Service<ITeamsDirectoryStore>().FindUsersAsync(["   "]));
        Assert.Empty(_fake.Of("reply"));
    }

    [Fact]
    public async Task A_token_signed_with_a_shared_secret_is_rejected()
    {
        var symmetric = new SymmetricSecurityKey(new byte[32]) { KeyId = _fake.SigningKey.KeyId };

        using var response = await _teams.PostAsync(Message(), _fake.Token(Now, key: symmetric, algorithm: SecurityAlgorithms.HmacSha256));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_read_not_even_a_broken_body()
    {
        using var missing = await _teams.PostAsync("{ this is not json", token: null);
        using var broken = await _teams.PostAsync("{ this is not json", token: "not.a.jwt");

        await AssertRejectedAsync(missing, HttpStatusCode.Unauthorized, "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, broken.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(_fake.Calls);
    }

    [Fact]
    public async Task With_a_good_token_a_broken_body_is_a_bad_request()
    {
        using var response = await _teams.PostAsync("{ this is not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_rejected_request_changes_nothing()
    {
        var activity = _teams.Activity("conversation-update-bot-added", "ada");

        using var response = await _teams.PostAsync(activity, _fake.Token(Now, audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _host.Service<ITeamsDirectoryStore>().ChannelsAsync());
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, body, StringComparison.OrdinalIgnoreCase);
    }
}
