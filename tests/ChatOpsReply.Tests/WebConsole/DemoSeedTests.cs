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

        var posts = await _host.Service<IPostStore>().ListAsync(new PostQuery());
        var answers = (await _host.Service<ICannedAnswerStore>().ChangesSinceAsync(0)).Answers;

        Assert.Equal(12, posts.Count);
        Assert.Equal(["email", "facebook", "instagram", "sms", "x"], posts.Select(p => p.Source).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["billing", "support"], posts.Select(p => p.Queue).Distinct().Order(StringComparer.Ordinal));
        Assert.Subset(new HashSet<PostState> { PostState.Open, PostState.Claimed, PostState.AwaitingApproval, PostState.Approved, PostState.Sent, PostState.Escalated, PostState.Dismissed }, posts.Select(p => p.State).ToHashSet());
        Assert.Contains(posts, p => p.SlaBreaches > 0);
        Assert.Contains(posts, p => p.Sensitivity is not null && p.State == PostState.AwaitingApproval);
        Assert.Equal(5, answers.Count);
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
