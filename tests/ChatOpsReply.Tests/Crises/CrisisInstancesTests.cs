using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Crises;

/// <summary>Two instances on one Redis: a crisis declared on one takes the posts that reach the other.</summary>
public sealed class CrisisInstancesTests
{
    [Fact]
    public async Task A_post_reaching_another_instance_joins_a_crisis_declared_on_the_first_within_the_refresh_interval()
    {
        var settings = RedisSettings.Fresh(RedisServer.Shared);
        using var a = new ServiceHost(settings);
        using var b = new ServiceHost(settings);
        // Both started (and have read the declared crises, none yet) before the crisis is declared.
        a.Service<CrisisArrivals>();
        b.Service<CrisisArrivals>();
        var first = await a.ReceiveAsync("Outage: the app shows nothing", handle: "@first");

        var declarations = a.Service<CrisisDeclarations>();
        var sam = a.Service<AccountabilityPolicy>().People.Find("sam")!;
        var (crisis, refused) = await declarations.DeclareAsync(declarations.Candidate("support", "outage", a.Time.GetUtcNow().AddHours(-1), sam)!, sam, CancellationToken.None);
        Assert.Null(refused);
        Assert.Equal(1, (await declarations.MoveInAsync(crisis!, sam, SurfaceNames.Console, CancellationToken.None)).Moved);
        Assert.Equal(PostState.Crisis, (await a.PostAsync(first)).State);

        // The second instance has not read the crisis yet; once its refresh comes round, the post it took in joins.
        var second = await b.ReceiveAsync("Another outage report", handle: "@second");
        b.Time.Advance(TimeSpan.FromSeconds(5));
        await Until.TrueAsync(async () => (await b.PostAsync(second)).State == PostState.Crisis, TimeSpan.FromSeconds(10), "the post that reached the second instance joins the crisis");

        // From then on it takes posts on arrival there too.
        var third = await b.ReceiveAsync("Outage still going", handle: "@third");
        await Until.TrueAsync(async () => (await b.PostAsync(third)).State == PostState.Crisis, TimeSpan.FromSeconds(10), "a later post joins on arrival");
        Assert.Equal(crisis!.Id, (await a.PostAsync(third)).CrisisId);

        // Resolved on the second instance: every post, wherever it arrived, is back in its queue.
        Assert.StartsWith("Crisis resolved for 'outage': 3 posts back in Support", await b.Service<CrisisDeclarations>().ResolveAsync(crisis.Id, sam, SurfaceNames.Console, CancellationToken.None), StringComparison.Ordinal);
        Assert.All(new[] { first, second, third }, id => Assert.Equal(PostState.Open, a.PostAsync(id).Result.State));
        a.DeleteFolder();
        b.DeleteFolder();
    }
}
