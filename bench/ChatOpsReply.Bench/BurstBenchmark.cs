using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Bench;

/// <summary>
/// A burst into one channel, in real time: 10,000 posts in 60 s into one queue, the service's outbox
/// running in the background against a fake Slack on 127.0.0.1 that takes one message a second per
/// channel and answers 429 with Retry-After beyond. Ours: from the first arrival until every post is
/// on a card or a digest line. The ceiling, measured in the same run against the same fake: a loop
/// with no store that, each second, posts one message listing every post that arrived (up to a
/// digest's size) — the floor one message a second allows.
/// </summary>
internal sealed partial class BurstBenchmark : IBenchmark
{
    private const int Posts = 10_000;
    private const int DigestSize = 200;
    private const string ConsoleUrl = "https://replies.example.com/";
    private static readonly TimeSpan Arrivals = TimeSpan.FromSeconds(60);

    public string Name => "burst";

    public string Description => $"{Posts:N0} posts in {Arrivals.TotalSeconds:0} s into one Slack channel that takes 1 message/s";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        var ours = await OursAsync(cancellationToken);
        var ceiling = await CeilingAsync(cancellationToken);
        var limit = Arrivals.TotalSeconds + 60;
        return
        [
            new BenchResult("every post shown on a card or digest line, from the first arrival", "s", ours.AllShown, ceiling.AllShown, HigherIsBetter: false, $"≤ {limit:0} s and ≤ 2 × the floor", ours.AllShown <= limit && ours.AllShown <= 2 * ceiling.AllShown),
            new BenchResult("messages in the channel", "messages", ours.Messages, ceiling.Messages, HigherIsBetter: false, "–", ours.Messages < Posts / 10),
        ];
    }

    private sealed record Run(double AllShown, int Messages);

    private static async Task<Run> OursAsync(CancellationToken cancellationToken)
    {
        await using var slack = await FakeSlack.StartAsync();
        using var host = new BenchHost(new Dictionary<string, string?>
        {
            ["Sources:Generic:Secret"] = "bench",
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:SigningSecret"] = "bench-signing-secret",
            ["Slack:ApiBaseUrl"] = slack.Url,
            ["Slack:DefaultChannel"] = "C0BURST",
            ["Slack:DigestSize"] = DigestSize.ToString(CultureInfo.InvariantCulture),
            ["Console:PublicUrl"] = ConsoleUrl,
            ["Delivery:RunInBackground"] = "true",
            // Each 429 the fake answers is a warning; a thousand of them would bury the figures.
            ["Logging:LogLevel:ChatOpsReply.Slack"] = "Error",
        });
        var intake = host.Services.GetRequiredService<PostIntake>();
        var ids = new ConcurrentBag<string>();
        var started = Stopwatch.GetTimestamp();
        await ArriveAsync(async n =>
        {
            var received = await intake.ReceiveAsync(new IncomingPost("x", $"burst-{n}", null, new PostAuthor($"@fan{n}", $"Fan {n}"), $"The app is down again! Order {n} is stuck.", null, null), cancellationToken);
            ids.Add(received.PostId!);
        });
        var allShown = await slack.AllShownAsync(ids, started, TimeSpan.FromMinutes(5));
        return new Run(allShown, slack.TopLevelMessages);
    }

    /// <summary>The floor: each second, one message listing what arrived since the last, up to a digest's size; nothing stored.</summary>
    private static async Task<Run> CeilingAsync(CancellationToken cancellationToken)
    {
        await using var slack = await FakeSlack.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(slack.Url) };
        var waiting = new ConcurrentQueue<string>();
        var ids = new ConcurrentBag<string>();
        var started = Stopwatch.GetTimestamp();
        var arriving = ArriveAsync(n =>
        {
            var id = Guid.CreateVersion7().ToString("N");
            ids.Add(id);
            waiting.Enqueue(id);
            return Task.CompletedTask;
        });
        while (!arriving.IsCompleted || !waiting.IsEmpty)
        {
            var lines = new List<DigestLine>();
            while (lines.Count < DigestSize && waiting.TryDequeue(out var id))
            {
                lines.Add(new DigestLine(id, "Fan", "X", "The app is down again!", $"{ConsoleUrl}console/posts/{id}", null));
            }

            if (lines.Count > 0)
            {
                using var body = JsonContent(BlockKitRenderer.Digest(new DigestModel($"{lines.Count} posts", lines)));
                using var posted = await client.PostAsync("chat.postMessage", body, cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        await arriving;
        return new Run(await slack.AllShownAsync(ids, started, TimeSpan.FromMinutes(5)), slack.TopLevelMessages);
    }

    private static StringContent JsonContent(JsonObject message)
    {
        message["channel"] = "C0BURST";
        return new StringContent(message.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
    }

    /// <summary>Calls <paramref name="arrive"/> for each post at its time, evenly over the arrival window, eight at a time.</summary>
    private static async Task ArriveAsync(Func<int, Task> arrive)
    {
        var started = Stopwatch.GetTimestamp();
        var seconds = (int)Arrivals.TotalSeconds;
        for (var second = 0; second < seconds; second++)
        {
            var first = Posts * second / seconds;
            var next = Posts * (second + 1) / seconds;
            await Parallel.ForEachAsync(Enumerable.Range(first, next - first), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) => await arrive(n));
            var due = TimeSpan.FromSeconds(second + 1) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }
    }

    /// <summary>
    /// A Slack Web API that takes one chat.postMessage a second per channel (429 with Retry-After beyond),
    /// applies chat.update, and notes when each post is first shown: on a card (its tag) or a digest line (its console link).
    /// </summary>
    private sealed partial class FakeSlack : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, long> _shown = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _lastPost = new(StringComparer.Ordinal);
        private int _ts;
        private int _topLevel;

        private FakeSlack(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public int TopLevelMessages => Volatile.Read(ref _topLevel);

        public static async Task<FakeSlack> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var fake = new FakeSlack(app);
            app.MapPost("/api/{method}", fake.MethodAsync);
            await app.StartAsync();
            fake.Url = app.Urls.First() + "/api/";
            return fake;
        }

        /// <summary>Seconds from <paramref name="started"/> until the last of <paramref name="ids"/> was first shown, waiting up to <paramref name="patience"/>.</summary>
        public async Task<double> AllShownAsync(IEnumerable<string> ids, long started, TimeSpan patience)
        {
            var wanted = ids.ToList();
            var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
            while (wanted.Any(id => !_shown.ContainsKey(id)))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return double.PositiveInfinity;
                }

                await Task.Delay(100);
            }

            return Stopwatch.GetElapsedTime(started, wanted.Max(id => _shown[id])).TotalSeconds;
        }

        private async Task<IResult> MethodAsync(string method, HttpContext http)
        {
            // Slack: most methods take JSON, a few (conversations.history) a form, docs.slack.dev/apis/web-api
            var args = http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [] : [];
            var channel = (string?)args["channel"] ?? "";
            switch (method)
            {
                case "chat.postMessage":
                    var now = Stopwatch.GetTimestamp();
                    var last = _lastPost.GetOrAdd(channel, 0);
                    if (last != 0 && Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
                    {
                        http.Response.Headers.RetryAfter = "1";
                        return Results.StatusCode((int)HttpStatusCode.TooManyRequests);
                    }

                    if (!_lastPost.TryUpdate(channel, now, last))
                    {
                        http.Response.Headers.RetryAfter = "1";
                        return Results.StatusCode((int)HttpStatusCode.TooManyRequests);
                    }

                    if (args["thread_ts"] is null)
                    {
                        Interlocked.Increment(ref _topLevel);
                    }

                    Shown(args, now);
                    return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = $"1700000000.{Interlocked.Increment(ref _ts):000000}" });
                case "chat.update":
                    Shown(args, Stopwatch.GetTimestamp());
                    return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = args["ts"]?.DeepClone() });
                case "conversations.history":
                    return Results.Json(new JsonObject { ["ok"] = true, ["messages"] = new JsonArray() });
                default:
                    return Results.Json(new JsonObject { ["ok"] = true });
            }
        }

        private void Shown(JsonObject args, long at)
        {
            if ((string?)args["metadata"]?["event_payload"]?["key"] == "slack:card" && (string?)args["metadata"]?["event_payload"]?["post_id"] is { } card)
            {
                _shown.TryAdd(card, at);
            }

            foreach (Match line in PostLink().Matches(args["blocks"]?.ToJsonString() ?? ""))
            {
                _shown.TryAdd(line.Groups[1].Value, at);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [GeneratedRegex("console/posts/([0-9a-f]{32})\\|")]
    private static partial Regex PostLink();
}
