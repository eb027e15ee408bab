using ChatOpsReply.Operations;
using ChatOpsReply.Telemetry;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Operations;

/// <summary>What an operator's tracing backend receives over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
public sealed class TracingTests
{
    private const int Server = 2;
    private const int Client = 3;

    [Fact]
    public async Task One_post_is_traced_from_the_webhook_through_the_store_to_its_card_in_slack_all_named_by_its_id()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var slack = await SlackHost.StartAsync(Exporting(collector));

        var postId = await slack.Host.ReceiveAsync("My parcel never arrived.");
        await slack.Host.DeliverAsync();
        await slack.Slack.WaitForAsync("chat.postMessage");

        var spans = await collector.SpansWhenAsync(s => s.Any(x => x.Name == "ingest" && x.Attribute(ServiceTrace.PostId) == postId) && DeliveryTrace(s, postId).Any(x => x.Kind == Client));
        var ingest = Assert.Single(spans, s => s.Name == "ingest" && s.Attribute(ServiceTrace.PostId) == postId);
        var request = Assert.Single(spans, s => s.SpanId == ingest.ParentSpanId);
        var create = Assert.Single(spans, s => s.Name == "store create" && s.Attribute(ServiceTrace.PostId) == postId);
        Assert.Equal((Server, "POST"), (request.Kind, request.Attribute("http.request.method")));
        Assert.Equal("/api/posts", request.Attribute("url.path"));
        Assert.Equal((ingest.TraceId, ingest.SpanId), (create.TraceId, create.ParentSpanId));
        Assert.Equal(("Created", "sqlite"), (create.Attribute(ServiceTrace.Outcome), create.Attribute("db.system.name")));

        // The card is delivered later, in a trace of its own, found by the same post id.
        var delivery = DeliveryTrace(spans, postId).ToList();
        var deliver = Assert.Single(delivery, s => s.Name == "deliver ShowCard" && s.Attribute("chatopsreply.target") == "slack");
        Assert.Equal("Delivered", deliver.Attribute(ServiceTrace.Outcome));
        Assert.NotEqual(ingest.TraceId, deliver.TraceId);
        Assert.Contains(delivery, s => s.Name == "store get" && s.ParentSpanId == deliver.SpanId && s.Attribute(ServiceTrace.PostId) == postId);
        var call = Assert.Single(delivery, s => s.Kind == Client && s.Attribute("url.full")?.EndsWith("chat.postMessage", StringComparison.Ordinal) == true);
        Assert.Equal(deliver.SpanId, call.ParentSpanId);
    }

    [Fact]
    public void An_endpoint_that_is_not_an_http_url_stops_the_service_naming_the_setting()
    {
        var host = new ServiceHost(new Dictionary<string, string?> { [OtlpExport.EndpointKey] = "collector:4318" });
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => host.Services);
            Assert.Contains(OtlpExport.EndpointKey, failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            host.Dispose();
            host.DeleteFolder();
        }
    }

    /// <summary>The spans of the trace in which the post's card was delivered to Slack.</summary>
    private static IEnumerable<ExportedSpan> DeliveryTrace(IReadOnlyList<ExportedSpan> spans, string postId) =>
        spans.FirstOrDefault(s => s.Name == "deliver ShowCard" && s.Attribute("chatopsreply.target") == "slack" && s.Attribute(ServiceTrace.PostId) == postId) is { } deliver
            ? spans.Where(s => s.TraceId == deliver.TraceId)
            : [];

    internal static Dictionary<string, string?> Exporting(FakeOtlpCollector collector) => new()
    {
        [OtlpExport.EndpointKey] = collector.Url,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Export within moments rather than the default 5 s (spans) and 60 s (metrics).
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        [OtlpExport.MetricIntervalKey] = "300",
        ["Slack:DefaultChannel"] = "C0SUPPORT",
    };
}
