using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Holding;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Crises;

/// <summary>Two instances on one Redis: a crisis declared on one takes the posts that reach the other, and its holding statement goes once to each post.</summary>
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

    [Fact]
    public async Task Two_instances_sending_one_approved_holding_statement_at_once_send_it_once_to_each_post()
    {
        var settings = RedisSettings.Fresh(RedisServer.Shared);
        using var a = new ServiceHost(settings);
        using var b = new ServiceHost(settings);
        await a.ApprovedAnswerAsync(new AnswerDocument { Id = "outage-holding", Title = "Outage holding line", Body = "Hi {customer.name}, we know about the outage and are on it.", CrisisSafe = true });
        var posts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            posts.Add(await (i % 2 == 0 ? a : b).ReceiveAsync($"Outage: the app shows nothing ({i})", handle: $"@c{i}", displayName: $"Customer{i} Lee"));
        }

        var declarations = a.Service<CrisisDeclarations>();
        var sam = a.Person("sam");
        var (crisis, _) = await declarations.DeclareAsync(declarations.Candidate("support", "outage", a.Time.GetUtcNow().AddHours(-1), sam)!, sam, CancellationToken.None);
        Assert.Equal(8, (await declarations.MoveInAsync(crisis!, sam, SurfaceNames.Console, CancellationToken.None)).Moved);
        var statements = a.Service<HoldingStatements>();
        Assert.NotNull((await statements.ProposeAsync(crisis!.Id, "outage-holding", sam, CancellationToken.None)).Recorded);

        // Lena approves on the first instance while the second keeps sending what it finds approved.
        var store = b.Service<ICrisisStore>();
        var approving = statements.DecideAsync(crisis.Id, (await store.GetAsync(crisis.Id))!.Holding!.Id, approve: true, reason: null, a.Person("lena"), CancellationToken.None);
        var racing = Task.Run(async () =>
        {
            for (var round = 0; round < 30; round++)
            {
                await b.Service<HoldingStatements>().SendAsync((await store.GetAsync(crisis.Id))!, CancellationToken.None);
            }
        });
        await Task.WhenAll(approving, racing);
        await b.Service<HoldingStatementSweep>().SweepAsync(CancellationToken.None);

        var audit = a.Service<IAuditTrail>();
        foreach (var id in posts)
        {
            var post = await a.PostAsync(id);
            Assert.Single(post.Replies, r => r.HoldingFor == crisis.Id);
            Assert.Single(await audit.ForPostAsync(id), e => e.Action == AuditAction.SendHoldingStatement);
        }

        Assert.Equal(8, (await store.HoldingOutcomesAsync(crisis.Id)).Count(o => o.Sent));
        a.DeleteFolder();
        b.DeleteFolder();
    }
}
