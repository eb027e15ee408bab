using ChatOpsReply.Posts;
using ChatOpsReply.Storage;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Storage;

public sealed class StoreHousekeepingTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task Command_keys_are_kept_for_a_week_and_expired_event_keys_are_forgotten()
    {
        var postId = await _host.ReceiveAsync("Where is my order?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice", key: "click-1");
        var keys = _host.Service<IIdempotencyKeys>();
        await keys.TryRecordAsync("slack:event:Ev1", _host.Time.GetUtcNow(), TimeSpan.FromHours(1));
        var housekeeping = _host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StoreHousekeeping>().Single();

        _host.Time.Advance(TimeSpan.FromDays(6));
        await housekeeping.RunOnceAsync();
        Assert.True(await _host.Service<IPostStore>().WasAppliedAsync("click-1"));

        _host.Time.Advance(TimeSpan.FromDays(2));
        await housekeeping.RunOnceAsync();
        Assert.False(await _host.Service<IPostStore>().WasAppliedAsync("click-1"));
        Assert.True(await keys.TryRecordAsync("slack:event:Ev1", _host.Time.GetUtcNow(), TimeSpan.FromHours(1)));
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
