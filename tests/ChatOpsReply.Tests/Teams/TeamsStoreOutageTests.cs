using System.Net;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage.Sqlite;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Teams;

/// <summary>When the store cannot answer, people in Teams get a sentence to act on, never a server error.</summary>
public sealed class TeamsStoreOutageTests : TeamsTestBase
{
    private FlakyPostStore Store => Host.Service<FlakyPostStore>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        FlakyPostStore.Use(services);
        // Posts and activity ids live in one database: an outage takes both.
        services.AddSingleton<IIdempotencyKeys>(sp => new KeysOfStore(ActivatorUtilities.CreateInstance<SqliteIdempotencyKeys>(sp), sp.GetRequiredService<FlakyPostStore>()));
    }

    [Fact]
    public async Task A_click_while_the_store_is_down_is_answered_with_try_again()
    {
        var postId = await Host.ReceiveAsync("Where is my order?");
        Store.Down = true;

        var answer = await Teams.InvokeAsync(postId, "Claim", "alice");

        Assert.Equal((200, TeamsProtocol.MessageResponseType, CommandResult.StoreUnavailableMessage), ((int)answer["statusCode"]!, (string?)answer["type"], (string?)answer["value"]));
        Store.Down = false;
        Assert.Equal(PostState.Open, (await Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task A_command_while_the_store_is_down_is_answered_with_try_again()
    {
        Store.Down = true;

        using var response = await Teams.SendAsync("channel-message", "alice", new Dictionary<string, string> { ["text"] = "mine" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("try again", Assert.Single(Fake.Of("reply")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_while_the_store_is_down_is_still_answered()
    {
        Store.Down = true;

        using var response = await Teams.SendAsync("channel-message", "alice", new Dictionary<string, string> { ["text"] = "help" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TeamsCommands.Help, Assert.Single(Fake.Of("reply")).Text);
    }

    private sealed class KeysOfStore(IIdempotencyKeys inner, FlakyPostStore store) : IIdempotencyKeys
    {
        public Task<bool> TryRecordAsync(string key, DateTimeOffset now, TimeSpan keepFor, CancellationToken cancellationToken = default) =>
            store.Down ? Task.FromException<bool>(new StoreUnavailableException("The test took the store down.")) : inner.TryRecordAsync(key, now, keepFor, cancellationToken);

        public Task PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.PurgeExpiredAsync(now, cancellationToken);
    }
}
