using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1: <c>POST /v1/traces</c> and
/// <c>/v1/metrics</c> with protobuf bodies, decoded here field by field (the .NET exporter sends
/// protobuf only; opentelemetry-proto's trace.proto and metrics.proto give the field numbers),
/// answered 200 with an empty export response, as a collector answers.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOtlpCollector(WebApplication app) => _app = app;

    /// <summary>The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string Url => _app.Urls.First();

    public ConcurrentQueue<ExportedSpan> Spans { get; } = new();

    public ConcurrentQueue<ExportedMetric> Metrics { get; } = new();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            foreach (var span in ReadTraces(await BodyAsync(http.Request)))
            {
                collector.Spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", async (HttpContext http) =>
        {
            foreach (var metric in ReadMetrics(await BodyAsync(http.Request)))
            {
                collector.Metrics.Enqueue(metric);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return collector;
    }

    /// <summary>Waits until the spans received so far satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<ExportedSpan>> SpansWhenAsync(Func<IReadOnlyList<ExportedSpan>, bool> done, TimeSpan? timeout = null) =>
        await WhenAsync(() => [.. Spans], done, timeout);

    public async Task<IReadOnlyList<ExportedMetric>> MetricsWhenAsync(Func<IReadOnlyList<ExportedMetric>, bool> done, TimeSpan? timeout = null) =>
        await WhenAsync(() => [.. Metrics], done, timeout);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<IReadOnlyList<T>> WhenAsync<T>(Func<IReadOnlyList<T>> read, Func<IReadOnlyList<T>, bool> done, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var items = read();
            if (done(items) || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        await body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    // ExportTraceServiceRequest.resource_spans = 1 → ResourceSpans.scope_spans = 2 → ScopeSpans.spans = 2.
    private static IEnumerable<ExportedSpan> ReadTraces(byte[] body) =>
        from resource in Fields(body, 1)
        from scope in Fields(resource, 2)
        from span in Fields(scope, 2)
        select ReadSpan(span);

    // Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, attributes 9.
    private static ExportedSpan ReadSpan(byte[] span)
    {
        var fields = Decode(span);
        return new ExportedSpan(
            Hex(fields, 1),
            Hex(fields, 2),
            Hex(fields, 4),
            Text(fields, 5),
            (int)Number(fields, 6),
            Attributes(fields, 9));
    }

    // ExportMetricsServiceRequest.resource_metrics = 1 → ResourceMetrics.scope_metrics = 2 → ScopeMetrics.metrics = 2.
    private static IEnumerable<ExportedMetric> ReadMetrics(byte[] body) =>
        from resource in Fields(body, 1)
        from scope in Fields(resource, 2)
        from metric in Fields(scope, 2)
        select ReadMetric(metric);

    // Metric: name 1, gauge 5, sum 7 (each with data_points 1); NumberDataPoint: as_double 4, as_int 6, attributes 7.
    private static ExportedMetric ReadMetric(byte[] metric)
    {
        var fields = Decode(metric);
        var points = new List<ExportedPoint>();
        foreach (var data in Values(fields, 5).Concat(Values(fields, 7)).OfType<byte[]>())
        {
            foreach (var point in Fields(data, 1).Select(Decode))
            {
                var value = point.TryGetValue(6, out var asInt) ? (double)(long)(ulong)asInt[0] : point.TryGetValue(4, out var asDouble) ? BitConverter.UInt64BitsToDouble((ulong)asDouble[0]) : double.NaN;
                points.Add(new ExportedPoint(Attributes(point, 7), value));
            }
        }

        return new ExportedMetric(Text(fields, 1), points);
    }

    // KeyValue: key 1, value 2; AnyValue: string_value 1, bool_value 2, int_value 3.
    private static Dictionary<string, string> Attributes(Dictionary<int, List<object>> fields, int number)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Values(fields, number).OfType<byte[]>().Select(Decode))
        {
            var value = pair.TryGetValue(2, out var any) && any[0] is byte[] anyValue ? Decode(anyValue) : [];
            attributes[Text(pair, 1)] = value.TryGetValue(1, out var text) && text[0] is byte[] utf8 ? Encoding.UTF8.GetString(utf8)
                : value.TryGetValue(3, out var integer) ? ((long)(ulong)integer[0]).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : value.TryGetValue(2, out var flag) ? ((ulong)flag[0] != 0).ToString()
                : "";
        }

        return attributes;
    }

    private static IEnumerable<byte[]> Fields(byte[] message, int number) => Values(Decode(message), number).OfType<byte[]>();

    private static List<object> Values(Dictionary<int, List<object>> fields, int number) => fields.TryGetValue(number, out var values) ? values : [];

    private static string Text(Dictionary<int, List<object>> fields, int number) => Values(fields, number).OfType<byte[]>().Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault() ?? "";

    private static string Hex(Dictionary<int, List<object>> fields, int number) => Values(fields, number).OfType<byte[]>().Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";

    private static ulong Number(Dictionary<int, List<object>> fields, int number) => Values(fields, number).OfType<ulong>().FirstOrDefault();

    /// <summary>One message's fields by number: varints and fixed numbers as ulong, length-delimited ones as bytes.</summary>
    private static Dictionary<int, List<object>> Decode(byte[] message)
    {
        var fields = new Dictionary<int, List<object>>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            object value;
            switch (key & 7)
            {
                case 0:
                    value = Varint(message, ref at);
                    break;
                case 1:
                    value = BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    value = message.AsSpan(at, length).ToArray();
                    at += length;
                    break;
                case 5:
                    value = (ulong)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Protobuf wire type {key & 7} is not one OTLP uses.");
            }

            var number = (int)(key >> 3);
            if (!fields.TryGetValue(number, out var values))
            {
                fields[number] = values = [];
            }

            values.Add(value);
        }

        return fields;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

/// <param name="Kind">OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
public sealed record ExportedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}

public sealed record ExportedMetric(string Name, IReadOnlyList<ExportedPoint> Points);

public sealed record ExportedPoint(IReadOnlyDictionary<string, string> Attributes, double Value);
