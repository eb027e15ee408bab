using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Crises;

/// <summary>Each post of a declared crisis moves by its own command: one that changed meanwhile is named, the rest move.</summary>
public sealed class CrisisMovesTests : IDisposable
{
    private readonly ServiceHost _host = new(services: FlakyPostStore.Use);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task A_post_dismissed_while_the_crisis_is_declared_is_reported_by_name_and_the_others_move()
    {
        var first = await _host.ReceiveAsync("Outage: nothing loads", handle: "@first", displayName: "Fay First");
        var dismissed = await _host.ReceiveAsync("Outage since noon", handle: "@meanwhile", displayName: "Max Meanwhile");
        var third = await _host.ReceiveAsync("Outage, still", handle: "@third", displayName: "Tom Third");
        var declarations = _host.Service<CrisisDeclarations>();
        var sam = _host.Person("sam");
        var (crisis, _) = await declarations.DeclareAsync(declarations.Candidate("support", "outage", _host.Time.GetUtcNow().AddHours(-1), sam)!, sam, CancellationToken.None);

        // Alice dismisses one of them after the crisis listed its posts, before it moved that one.
        _host.Service<FlakyPostStore>().WhileListing = async () =>
            Assert.True((await _host.ActAsync(dismissed, PostTrigger.Dismiss, "alice", new CommentInput { Comment = "Spam" })).Succeeded);
        var moves = await declarations.MoveInAsync(crisis!, sam, SurfaceNames.Console, CancellationToken.None);

        Assert.Equal(2, moves.Moved);
        var missed = Assert.Single(moves.Missed);
        Assert.Equal(dismissed, missed.Post.Id);
        Assert.EndsWith(
            "2 posts moved to the crisis team; new posts about it join as they arrive. 1 post not moved:\n• Max Meanwhile (@meanwhile) on X: You can't declare a crisis on a post that is dismissed.",
            declarations.Declared(crisis!, moves),
            StringComparison.Ordinal);
        Assert.Equal([PostState.Crisis, PostState.Dismissed, PostState.Crisis], [(await _host.PostAsync(first)).State, (await _host.PostAsync(dismissed)).State, (await _host.PostAsync(third)).State]);
        Assert.DoesNotContain(await _host.Service<IAuditTrail>().ForPostAsync(dismissed), e => e.Action == AuditAction.DeclareCrisis);
    }
}
