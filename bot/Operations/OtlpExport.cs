using ChatOpsReply.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatOpsReply.Operations;

/// <summary>
/// Traces and the <see cref="ServiceMeter"/> over OTLP, only when <see cref="EndpointKey"/> is set.
/// The exporter reads the rest of its settings from the standard OTEL_EXPORTER_OTLP_* variables
/// (opentelemetry.io/docs/specs/otel/protocol/exporter/): OTEL_EXPORTER_OTLP_PROTOCOL
/// "http/protobuf" for a collector's port 4318, "grpc" (.NET's default) for 4317.
/// </summary>
public static class OtlpExport
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>OpenTelemetry's metric export interval, in milliseconds (default one minute).</summary>
    public const string MetricIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    public static IServiceCollection AddOtlpExport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new OptionsValidationException(EndpointKey, typeof(string), [$"{EndpointKey} must be an absolute http(s) URL, such as http://collector:4318; it is \"{endpoint}\"."]);
        }

        var interval = configuration.GetValue<int?>(MetricIntervalKey) ?? 60_000;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: "chatopsreply", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddSource(ServiceTrace.Name)
                // Probes and scrapes every few seconds would bury the posts' traces.
                .AddAspNetCoreInstrumentation(asp => asp.Filter = http => !(http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/readyz") || http.Request.Path.StartsWithSegments("/metrics")))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(ServiceMeter.Name))
            .UseOtlpExporter();
        services.AddHostedService(s => new ScrapedFiguresRefresh(s.GetServices<IScrapedFigures>(), TimeSpan.FromMilliseconds(Math.Max(1_000, interval / 2)), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<ScrapedFiguresRefresh>>()));
        return services;
    }
}
