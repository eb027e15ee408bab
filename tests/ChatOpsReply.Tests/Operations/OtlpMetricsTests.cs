using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Operations;

/// <summary>
/// The service meter over OTLP. OpenTelemetry's meter provider listens to every meter of its name
/// in the process, so another test's host would mix its figures into these: this class runs alone.
/// </summary>
[Collection(nameof(AloneInTheProcess))]
public sealed class OtlpMetricsTests
{
    [Fact]
    public async Task The_service_meter_goes_over_otlp_with_the_store_figures_read_fresh()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var slack = await SlackHost.StartAsync(TracingTests.Exporting(collector));

        await slack.Host.ReceiveAsync("My parcel never arrived.");
        // The figures are read again every half export interval on the service's clock.
        slack.Host.Time.Advance(TimeSpan.FromSeconds(1));

        var metrics = await collector.MetricsWhenAsync(m => m.Any(OnePostOpen));
        Assert.Contains(metrics, OnePostOpen);
    }

    private static bool OnePostOpen(ExportedMetric metric) =>
        metric.Name == "chatopsreply.posts" && metric.Points.Any(p => p.Attributes.GetValueOrDefault("state") == "Open" && p.Value == 1);
}
