using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Slack;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Bench;

/// <summary>
/// A burst into one channel, in real time: 10,000 posts in 60 s into one queue, the service's outbox
/// running in the background against a fake Slack on 127.0.0.1 that takes one message a second per
/// channel and answers 429 with Retry-After beyond. Ours: from the first arrival until every post is
/// on a card or a digest line. The ceiling, measured in the same run against the same fake: a loop
/// with no store that, each second, posts one message listing every post that arrived (up to a
/// digest's size) — the floor one message a second allows.
/// </summary>
internal sealed class BurstBenchmark : IBenchmark
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
        slack.ChannelInterval = TimeSpan.FromSeconds(1);
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
        var arriving = ArriveAsync(async n =>
        {
            var received = await intake.ReceiveAsync(new IncomingPost("x", $"burst-{n}", null, new PostAuthor($"@fan{n}", $"Fan {n}"), $"The app is down again! Order {n} is stuck.", null, null), cancellationToken);
            ids.Add(received.PostId!);
        });
        var allShown = await AllShownAsync(slack, await ArrivedAsync(arriving, ids), started);
        return new Run(allShown, TopLevelMessages(slack));
    }

    /// <summary>The floor: each second, one message listing what arrived since the last, up to a digest's size; nothing stored.</summary>
    private static async Task<Run> CeilingAsync(CancellationToken cancellationToken)
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.ChannelInterval = TimeSpan.FromSeconds(1);
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

            // Posted as soon as the channel takes it: a 429 is tried again a little later, the same lines.
            var message = SlackMessageTag.Tagged(BlockKitRenderer.Digest(new DigestModel($"{lines.Count} posts", lines)), Guid.NewGuid().ToString("N"), SlackCardReference.DigestKey);
            while (lines.Count > 0)
            {
                using var body = JsonContent(message);
                using var posted = await client.PostAsync("chat.postMessage", body, cancellationToken);
                if (posted.IsSuccessStatusCode)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return new Run(await AllShownAsync(slack, await ArrivedAsync(arriving, ids), started), TopLevelMessages(slack));
    }

    private static async Task<string[]> ArrivedAsync(Task arriving, ConcurrentBag<string> ids)
    {
        await arriving;
        return [.. ids];
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
    /// Seconds from <paramref name="started"/> until the last of <paramref name="ids"/> was first shown on a card or a
    /// digest line, looking at the channel every 100 ms and waiting up to five minutes.
    /// </summary>
    private static async Task<double> AllShownAsync(FakeSlack slack, string[] ids, long started)
    {
        var firstShown = new Dictionary<string, long>(StringComparer.Ordinal);
        var deadline = Stopwatch.GetTimestamp() + (300 * Stopwatch.Frequency);
        while (firstShown.Count < ids.Length && Stopwatch.GetTimestamp() < deadline)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var id in SlackDigestView.Cards(slack).Concat(SlackDigestView.Digests(slack).SelectMany(SlackDigestView.Lines)))
            {
                firstShown.TryAdd(id, now);
            }

            await Task.Delay(100);
        }

        return ids.All(firstShown.ContainsKey) ? Stopwatch.GetElapsedTime(started, ids.Max(id => firstShown[id])).TotalSeconds : double.PositiveInfinity;
    }

    private static int TopLevelMessages(FakeSlack slack) => slack.Messages.Count;
}
