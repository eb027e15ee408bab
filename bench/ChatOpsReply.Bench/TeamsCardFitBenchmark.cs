using System.Diagnostics;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Bench;

/// <summary>
/// What keeping a Teams card under 28 KB costs: Adaptive Cards per second for the longest post
/// ingest accepts (with long follow-ups and a draft), cut to fit, against rendering the same card
/// once without the limit. Fitting searches for the longest cut that fits (a dozen renders of a
/// 28 KB card); the target says it costs no more than ten uncut renders of the whole post.
/// </summary>
internal sealed class TeamsCardFitBenchmark : IBenchmark
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public string Name => "teams-card-fit";

    public string Description => $"one thread, {Duration.TotalSeconds:0} s each side";

    public Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var host = new BenchHost(new Dictionary<string, string?> { ["Sources:Generic:Secret"] = "bench", ["Console:PublicUrl"] = "https://replies.example.com/" });
        var cards = host.Services.GetRequiredService<PostCardBuilder>();
        var alice = host.Services.GetRequiredService<AccountabilityPolicy>().People.Find("alice")!;
        var text = string.Concat(Enumerable.Repeat("Ünïcödé 📦 **bold** [link](https://example.com) ", 1000))[..IncomingPostParser.MaxTextLength];
        var now = DateTimeOffset.UtcNow;
        var post = new CustomerPost
        {
            Id = "bench",
            Source = "x",
            ExternalId = "bench",
            Author = new PostAuthor("@customer", "Casey Jones"),
            Text = text,
            ReceivedAt = now,
            Queue = "support",
            State = PostState.Claimed,
            Owner = alice.Id,
            ReplyDueAt = now.AddMinutes(30),
            FollowUps = [.. Enumerable.Range(1, 5).Select(i => new FollowUp($"f{i}", text, now.AddMinutes(i)))],
            Draft = new ReplyDraft(new string('r', 2000), alice.Id, now),
        };
        var model = cards.Build(post, alice);
        var view = new AdaptiveCardView { RefreshUserIds = [.. Enumerable.Range(0, 60).Select(i => $"29:user-{i}")] };
        var size = AdaptiveCardRenderer.Size(AdaptiveCardRenderer.Render(model, view));
        if (size > AdaptiveCardRenderer.MaxCardBytes)
        {
            throw new InvalidOperationException($"The card is {size} bytes, over the limit.");
        }

        var ours = Measure(() => AdaptiveCardRenderer.Render(model, view), cancellationToken);
        var ceiling = Measure(() => AdaptiveCardRenderer.Render(model, view with { MaxBytes = int.MaxValue }), cancellationToken);
        IReadOnlyList<BenchResult> results =
        [
            new BenchResult("longest-post cards/s, cut to 28 KB", "cards/s", ours, ceiling, HigherIsBetter: true, "≥ 10% of one uncut render", ours >= ceiling * 0.10),
        ];
        return Task.FromResult(results);
    }

    private static double Measure(Action render, CancellationToken cancellationToken)
    {
        render();
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < Duration && !cancellationToken.IsCancellationRequested)
        {
            render();
            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
