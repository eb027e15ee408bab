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
        using var client = _host.NewClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
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
        using var client = _host.NewClient();

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
