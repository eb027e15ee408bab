using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Operations;

/// <summary>What an operator's monitoring sees.</summary>
public sealed class OperationsTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var client = _host.ScrapeClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [Theory]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task Readiness_and_metrics_refuse_a_caller_from_elsewhere_without_the_token(string path)
    {
        using var client = _host.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token-0123456789");

        using var response = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Operations:ScrapeToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_and_metrics_answer_on_loopback_without_a_token()
    {
        using var host = ServiceHost.StartOnKestrel();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
        Assert.Contains("chatopsreply_store_up 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        host.DeleteFolder();
    }

    [Fact]
    public async Task Metrics_report_posts_by_state_response_times_breaches_and_deliveries()
    {
        var answered = await _host.ReceiveAsync("Where is my order?");
        await _host.ReceiveAsync("Another question, nobody takes it");
        _host.Time.Advance(TimeSpan.FromMinutes(3));
        await _host.ActAsync(answered, PostTrigger.Claim, "alice");
        _host.Time.Advance(TimeSpan.FromMinutes(7));
        await _host.ActAsync(answered, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Ana, it left our warehouse this morning."));
        await _host.ActAsync(answered, PostTrigger.Send, "alice");
        await _host.AdvanceAsync(TimeSpan.FromMinutes(10));
        await _host.DeliverAsync();
        using var client = _host.ScrapeClient();

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains("chatopsreply_posts{state=\"Sent\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_posts{state=\"Escalated\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_outbox_pending 0", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_transitions_total{trigger=\"Claim\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_sla_breaches_total{queue=\"support\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_time_to_claim_seconds_sum{queue=\"support\"} 180", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_time_to_first_reply_seconds_sum{queue=\"support\"} 600", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_surface_results_total{target=\"source\",result=\"delivered\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("chatopsreply_store_up 1", metrics, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
