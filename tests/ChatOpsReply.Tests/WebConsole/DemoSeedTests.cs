using ChatOpsReply.Demo;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Console;

/// <summary>The first run with --demo shows a working team, not "Nothing here".</summary>
public sealed class DemoSeedTests : IDisposable
{
    private readonly ServiceHost _host;

    public DemoSeedTests()
    {
        _host = new ServiceHost(
            new Dictionary<string, string?> { ["Sources:Generic:Secret"] = TestConfig.GenericSecret, ["Delivery:RunInBackground"] = "false", ["Sla:RunInBackground"] = "false" },
            configurationJson: File.ReadAllText(Repository.PathOf("bot", "appsettings.json")));
        Directory.CreateDirectory(Path.Combine(_host.Folder, "Library"));
        File.Copy(Repository.PathOf("bot", "Library", "demo-answers.json"), Path.Combine(_host.Folder, "Library", "demo-answers.json"));
    }

    [Fact]
    public async Task The_demo_seeds_posts_from_every_source_at_every_stage_and_the_answer_library_once()
    {
        await _host.Service<DemoSeed>().SeedAsync(CancellationToken.None);
        await _host.Service<DemoSeed>().SeedAsync(CancellationToken.None);

        // The morning's posts; the weeks of history before it are checked below.
        var posts = await _host.Service<IPostStore>().ListAsync(new PostQuery { ReceivedFrom = _host.Time.GetUtcNow().AddHours(-1) });
        var answers = (await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers;

        Assert.Equal(12, posts.Count);
        Assert.Equal(["email", "facebook", "instagram", "sms", "x"], posts.Select(p => p.Source).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["billing", "support"], posts.Select(p => p.Queue).Distinct().Order(StringComparer.Ordinal));
        Assert.Subset(new HashSet<PostState> { PostState.Open, PostState.Claimed, PostState.AwaitingApproval, PostState.Approved, PostState.Sent, PostState.Escalated, PostState.Dismissed }, posts.Select(p => p.State).ToHashSet());
        Assert.Contains(posts, p => p.SlaBreaches > 0);
        Assert.Contains(posts, p => p.Sensitivity is not null && p.State == PostState.AwaitingApproval);
        Assert.Equal(5, answers.Count);
    }

    [Fact]
    public async Task The_demo_seeds_three_weeks_of_finished_posts_so_the_figures_page_has_something_to_show()
    {
        await _host.Service<DemoSeed>().SeedAsync(CancellationToken.None);
        var now = _host.Time.GetUtcNow();

        var figures = await _host.Service<ChatOpsReply.Posts.Figures.FiguresReport>().ComputeAsync(new ChatOpsReply.Posts.Figures.FiguresQuery(now.AddDays(-30), now.AddHours(-1), TimeZoneInfo.Utc));

        Assert.InRange(figures.Rows.Count, 200, 600);
        Assert.All(figures.Rows, r => Assert.Contains(r.State, new[] { PostState.Sent, PostState.Closed, PostState.Dismissed }));
        Assert.True(figures.Compliance.CompliantPercent is > 50 and < 100, $"compliance {figures.Compliance.CompliantPercent}");
        Assert.Contains(figures.BreachesByTier, b => b.Tier == 0 && b.Breaches > 0);
        Assert.Equal(DemoHistory.Days, figures.Daily.Count(d => d.Arrived > 0));
        Assert.True(figures.Arrivals.Sum(hours => hours[10]) > figures.Arrivals.Sum(hours => hours[3]), "mornings are busier than nights");
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
