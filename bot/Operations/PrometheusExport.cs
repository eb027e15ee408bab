using System.Diagnostics.Metrics;
using ChatOpsReply.Telemetry;
using Prometheus;

namespace ChatOpsReply.Operations;

/// <summary>
/// Serves the service's <see cref="ServiceMeter"/> as Prometheus text. It listens only to the
/// meter of this host's <see cref="IMeterFactory"/>, so hosts in one process keep their figures
/// apart, and names each instrument the way OpenTelemetry's Prometheus mapping does: dots become
/// underscores, a unit of seconds adds "_seconds", counters end in "_total". It knows instruments,
/// never the features that record them.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly MetricFactory _factory;
    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Exported> _exported = [];

    public PrometheusExport(IMeterFactory meters, IEnumerable<IScrapedFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var scraped = figures.ToList();
        Registry = Metrics.NewCustomRegistry();
        _factory = Metrics.WithCustomRegistry(Registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServiceMeter.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            foreach (var source in scraped)
            {
                await source.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }

            _listener.RecordObservableInstruments();
        });
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The Prometheus name of an instrument, e.g. "chatopsreply.time_to_claim" (s) → "chatopsreply_time_to_claim_seconds".</summary>
    public static string NameOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return instrument is Counter<long> or Counter<int> or Counter<double> ? name + "_total" : name;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = tags[i].Key;
            values[i] = Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        Exported exported;
        lock (_gate)
        {
            if (!_exported.TryGetValue(instrument, out exported!))
            {
                exported = new Exported(labels, Export(instrument, labels));
                _exported[instrument] = exported;
            }
        }

        exported.Record(labels, values, value);
    }

    private Action<string[], double> Export(Instrument instrument, string[] labels)
    {
        var name = NameOf(instrument);
        var help = instrument.Description ?? instrument.Name;
        switch (instrument)
        {
            case Counter<long> or Counter<int> or Counter<double>:
                var counter = _factory.CreateCounter(name, help, labels);
                return (values, x) => counter.WithLabels(values).Inc(x);
            case Histogram<double> histogram:
                var buckets = histogram.Advice?.HistogramBucketBoundaries ?? Histogram.ExponentialBuckets(0.005, 2, 12);
                var observed = _factory.CreateHistogram(name, help, new HistogramConfiguration { LabelNames = labels, Buckets = [.. buckets] });
                return (values, x) => observed.WithLabels(values).Observe(x);
            default:
                var gauge = _factory.CreateGauge(name, help, labels);
                return (values, x) => gauge.WithLabels(values).Set(x);
        }
    }

    /// <summary>One instrument's Prometheus metric; labels in the order its first measurement gave them.</summary>
    private sealed class Exported(string[] labelNames, Action<string[], double> record)
    {
        public void Record(string[] labels, string[] values, double value) =>
            record(labels.SequenceEqual(labelNames) ? values : [.. labelNames.Select(n => Array.IndexOf(labels, n) is var i and >= 0 ? values[i] : "")], value);
    }
}
