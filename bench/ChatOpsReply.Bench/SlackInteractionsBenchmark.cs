using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using ChatOpsReply.Slack;
using ChatOpsReply.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Bench;

/// <summary>
/// How fast Slack gets its acknowledgement: signed block_actions clicks (claim, release, claim…
/// over many posts) sent open-loop at a fixed rate to the real service on 127.0.0.1, with its
/// outbox delivering to a fake Slack Web API at the same time. Latency counts from when each
/// request was due, so a stall is not hidden by the client waiting. The ceiling is the same
/// load against an endpoint in this process that only verifies the signature and answers 200.
/// </summary>
internal sealed class SlackInteractionsBenchmark : IBenchmark
{
    private const int Rate = 200;
    private const int Posts = 400;
    private const string Secret = "bench-signing-secret";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public string Name => "slack-interactions";

    public string Description => $"{Rate} signed interactions/s for {Duration.TotalSeconds:0} s each side";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var fakeSlack = await StartAsync(app => app.MapPost("/api/{method}", (Delegate)FakeSlackAsync));
        using var host = new BenchHost(new Dictionary<string, string?>
        {
            ["Sources:Generic:Secret"] = "bench",
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:ApiBaseUrl"] = Address(fakeSlack) + "/api/",
            ["Slack:DefaultChannel"] = "C0BENCH",
            ["Accountability:People:0:SlackUserId"] = "U0ALICE",
            // The outbox runs, delivering every card update and thread line to the fake Slack while
            // the clicks arrive. The fake has no rate limit, and 200 changes a second to one channel
            // would only pile up paced messages, so pacing is lifted to let the outbox work at full speed.
            ["Delivery:RunInBackground"] = "true",
            ["Slack:ChannelPostInterval"] = "00:00:00.001",
            ["Slack:ChannelBurst"] = "1000",
        });
        host.UseKestrel(0);
        host.StartServer();
        var service = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var intake = host.Services.GetRequiredService<PostIntake>();
        var postIds = new List<string>();
        for (var i = 0; i < Posts; i++)
        {
            var received = await intake.ReceiveAsync(new IncomingPost("x", $"slack-bench-{i}", null, new PostAuthor("@customer", "Casey"), "Where is my parcel?", null, null), cancellationToken);
            postIds.Add(received.PostId!);
        }

        var count = (int)(Rate * Duration.TotalSeconds);
        var clicks = Enumerable.Range(0, count + 50).Select(n => Click(postIds[n % Posts], (n / Posts) % 2 == 0 ? "Claim" : "Release", n)).ToList();
        var ours = await LoadAsync(service + "/api/slack/interactions", clicks);

        await using var ceilingApp = await StartAsync(app => app.MapPost("/ceiling", (Delegate)CeilingAsync));
        var ceiling = await LoadAsync(Address(ceilingApp) + "/ceiling", clicks);

        return
        [
            new BenchResult($"ack p99 at {Rate}/s", "ms", ours.P99, ceiling.P99, HigherIsBetter: false, "< 50 ms", ours.P99 < 50 && ours.Errors == 0),
            new BenchResult($"ack p50 at {Rate}/s", "ms", ours.P50, ceiling.P50, HigherIsBetter: false, "–", ours.Errors == 0),
        ];
    }

    /// <summary>A form-encoded block_actions payload as Slack sends it, and its body bytes.</summary>
    private static string Click(string postId, string action, int n)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ALICE", ["username"] = "alice", ["name"] = "alice", ["team_id"] = "T0BENCH" },
            ["api_app_id"] = "A0BENCH",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C0BENCH", ["is_ephemeral"] = false },
            ["trigger_id"] = $"{n}.1.abc",
            ["team"] = new JsonObject { ["id"] = "T0BENCH", ["domain"] = "bench" },
            ["channel"] = new JsonObject { ["id"] = "C0BENCH", ["name"] = "bench" },
            ["response_url"] = "https://hooks.slack.com/actions/T0BENCH/1/x",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = action,
                ["block_id"] = "b",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = action },
                ["value"] = postId,
                ["type"] = "button",
                ["action_ts"] = $"1700000100.{n:000000}",
            }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }

    private sealed record Latencies(double P50, double P99, int Errors);

    /// <summary>Sends each body at its due time (open loop), measuring from that time to the answer.</summary>
    private static async Task<Latencies> LoadAsync(string url, List<string> bodies)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        // Warm up: JIT, connections, page cache.
        for (var i = 0; i < 50; i++)
        {
            await SendAsync(client, url, bodies[i]);
        }

        var count = bodies.Count - 50;
        var latencies = new double[count];
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / (double)Rate;
        var sends = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            var index = i;
            sends[i] = Task.Run(async () =>
            {
                var status = await SendAsync(client, url, bodies[index + 50]);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            });
        }

        await Task.WhenAll(sends);
        Array.Sort(latencies);
        return new Latencies(latencies[(int)(count * 0.50)], latencies[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)], errors);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string url, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(Secret, timestamp, bytes));
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    /// <summary>The ceiling: read the raw body, verify the signature, answer 200.</summary>
    private static async Task<IResult> CeilingAsync(HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request, SlackEndpoints.MaxBodyBytes, http.RequestAborted);
        var check = SlackSignature.Verify(Secret, http.Request.Headers[SlackSignature.TimestampHeader], http.Request.Headers[SlackSignature.SignatureHeader], body, DateTimeOffset.UtcNow);
        return check == SignatureCheck.Valid ? Results.Ok() : Results.Unauthorized();
    }

    private static int _ts;

    /// <summary>Every Web API method answers ok, with a fresh ts where a message was posted.</summary>
    private static IResult FakeSlackAsync(string method, HttpContext http) =>
        Results.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0BENCH", ["ts"] = $"1700000000.{Interlocked.Increment(ref _ts):000000}" });

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) => app.Urls.First();
}
