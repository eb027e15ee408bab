using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsReply.Bench;

/// <summary>
/// The signed load generator of the ingest benchmark, run as a process of its own so that neither
/// side it measures shares a runtime with it: a fixed number of connections, each sending the next
/// customer post as soon as the last was answered (closed loop), every body signed as a sender
/// would sign it. It knows the endpoint only by its URL and the signing rule, and signs with its
/// own code, so the service's signature code cannot agree with itself by mistake.
/// </summary>
internal static class IngestLoad
{
    /// <summary>The first argument that makes the bench executable run as the load generator.</summary>
    public const string Command = "ingest-load";

    private static readonly string[] Texts =
    [
        "My parcel never arrived and nobody answers the phone.",
        "I was charged twice for my subscription this month, please refund one.",
        "Your app logs me out every time I open it. Can someone help?",
        "If this is not fixed by Friday I am talking to my lawyer.",
    ];

    /// <summary>Runs the load and prints one line of results (see <see cref="Run"/>).</summary>
    /// <param name="args">url secret connections seconds|count:N external-id-prefix</param>
    public static async Task<int> MainAsync(string[] args)
    {
        var url = args[0];
        var secret = args[1];
        var connections = int.Parse(args[2], CultureInfo.InvariantCulture);
        var (seconds, count) = args[3].StartsWith("count:", StringComparison.Ordinal)
            ? (0d, int.Parse(args[3]["count:".Length..], CultureInfo.InvariantCulture))
            : (double.Parse(args[3], CultureInfo.InvariantCulture), 0);
        var prefix = args[4];

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var key = Encoding.UTF8.GetBytes(secret);
        var remaining = count;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        bool More() => count > 0 ? Interlocked.Decrement(ref remaining) >= 0 : Stopwatch.GetTimestamp() < stopAt;

        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var latencies = await Task.WhenAll(Enumerable.Range(0, connections).Select(connection => Task.Run(async () =>
        {
            var mine = new List<double>();
            for (var n = 0; More(); n++)
            {
                var body = Encoding.UTF8.GetBytes(Body($"{prefix}-{connection}-{n}", Texts[(connection + n) % Texts.Length]));
                var sent = Stopwatch.GetTimestamp();
                var (status, answer) = await SendAsync(client, url, key, body);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (status != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{(int)status} {answer}", null);
                }
            }

            return mine;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine(new IngestLoadResult(all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), errors, firstError) { LoadCpuSeconds = self.TotalProcessorTime.TotalSeconds }.ToLine());
        return 0;
    }

    /// <summary>A post as the generic webhook takes it; each external id once, so every request is a new post.</summary>
    private static string Body(string externalId, string text) =>
        $$"""{"source":"x","externalId":"{{externalId}}","author":{"handle":"@casey","displayName":"Casey Jones"},"text":"{{text}}"}""";

    /// <summary>Signs "timestamp.body" with HMAC-SHA256 (the generic webhook's rule, README "Run it") and posts it.</summary>
    private static async Task<(HttpStatusCode Status, string Answer)> SendAsync(HttpClient client, string url, byte[] key, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed, timestamp.Length + 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-ChatOpsReply-Timestamp", timestamp);
        request.Headers.Add("X-ChatOpsReply-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, signed)));
        try
        {
            using var response = await client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, answer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, e.Message);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * p) - 1, 0, sorted.Length - 1)];
}
