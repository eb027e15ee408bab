namespace ChatOpsReply.Telemetry;

/// <summary>
/// The one <see cref="System.Diagnostics.Metrics.Meter"/> every feature records its figures on,
/// created through the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> so that two
/// hosts in one process (tests) keep their figures apart. Exporters (Prometheus, OTLP) read it by
/// name and know nothing of the features.
/// </summary>
public static class ServiceMeter
{
    public const string Name = "ChatOpsReply";

    /// <summary>Buckets for response times, in seconds: 1 min … 1 day, around "answer within the hour".</summary>
    public static readonly IReadOnlyList<double> ResponseTimeBuckets = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400];
}
