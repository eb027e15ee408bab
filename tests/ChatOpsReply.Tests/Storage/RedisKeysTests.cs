using System.Text.RegularExpressions;
using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Privacy;
using ChatOpsReply.Storage.Redis;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// Key names come from <see cref="RedisKeys"/> alone: the names the scripts build in Lua are
/// the names the C# methods build, and what a store writes stays in the layout the README
/// lists, so data written by an earlier version is still found.
/// </summary>
public sealed class RedisKeysTests : IDisposable
{
    // Quotes, backslashes, braces, separators and non-ASCII: nothing in a value may change a name's spelling.
    private const string Odd = "a'b\\c{d}:e é \"f\" ..";

    private readonly string _prefix = $"keys-{Guid.NewGuid():N}:";
    private readonly ServiceHost _host;

    public RedisKeysTests() => _host = new ServiceHost(RedisSettings.Fresh(RedisServer.Shared, _prefix), s => s.AddSingleton<IChatSurface>(new RecordingSurface()));

    [Fact]
    public async Task The_names_scripts_build_in_Lua_are_the_names_RedisKeys_builds()
    {
        var keys = new RedisKeys(_prefix);
        var script = LuaScript.Prepare(RedisKeys.Lua + """
            return {
              postKey(@value), postOutboxKey(@value, @value), postsInKey('Open'), postsInQueueKey('Claimed', @value),
              postsOwnedByKey('Approved', @value), threadKey(@value, @value), outboxMessageKey(tonumber(@seq)), outboxMessageKey(@value),
              answerHistoryKey(@value), spikeKey(@value),
            }
            """);
        using var connection = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Configuration);

        var fromLua = (string[])(await script.EvaluateAsync(connection.GetDatabase(), new { prefix = _prefix, value = Odd, seq = "42" }))!;

        Assert.Equal(
            [
                keys.Post(Odd), keys.PostOutbox(Odd, Odd), keys.PostsIn(PostState.Open), keys.PostsInQueue(PostState.Claimed, Odd),
                keys.PostsOwnedBy(PostState.Approved, Odd), keys.Thread(Odd, Odd), keys.OutboxMessage("42"), keys.OutboxMessage(Odd),
                keys.AnswerHistory(Odd), keys.Spike(Odd),
            ],
            fromLua.Select(name => (RedisKey)name));
    }

    [Fact]
    public async Task A_post_its_audit_outbox_timer_and_an_answer_are_stored_under_the_names_the_README_lists()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?", threadId: "t-1");
        Assert.Equal(CommandOutcome.Applied, (await _host.ActAsync(postId, PostTrigger.Claim, "bob", key: "click-1")).Outcome);
        var answer = new CannedAnswer { Id = "late-parcel", Version = 1, Title = "Late parcel", Body = "Sorry.", Owner = "dan", ChangedBy = "dan", ChangedAt = TestConfig.Start, Change = "new" };
        Assert.Equal(AnswerSaveOutcome.Saved, await _host.Service<ICannedAnswerStore>().SaveAsync([answer]));
        // Counted off the ingest path, in the background: done at once here.
        await _host.Service<SpikeWatch>().CountAllWaitingAsync();

        var stored = await StoredKeysAsync();

        // Written literally, not through RedisKeys: these are the names data already in Redis has.
        string[] expected =
        [
            $"post:{{{postId}}}", $"post:{{{postId}}}:audit", "posts:Claimed", "posts:Claimed:queue:support", "posts:Claimed:owner:bob",
            "thread:x:t-1", "ingest:x", "commands", "audit", "audit:seq", "audit:chain", "outbox:seq", "outbox:pending", "outbox:waiting",
            "timers", "timers:due", "answers", "answers:version", "answers:stamp", "answers:changed", "answer:late-parcel:history",
            "posts:due", "posts:activity", "posts:source:x", "customer:x:@ana", "words:customer:ana", "words:customer:lopez",
            // "is" and "my" are among the commonest words, which no store indexes.
            "words:text:where", "words:text:parcel",
            // Its topic term's counts for spike detection: this minute, this hour, the latest posts.
            $"topic:support:parcel:m:{Minute}", $"topic:support:parcel:h:{Minute}", "topic:support:parcel:recent",
        ];
        Assert.All(expected, name => Assert.Contains(name, stored));
        // Whatever else is there is one of the README's other names: outbox messages, the post's lists of them, the key ring.
        Assert.All(stored.Except(expected), name => Assert.Matches(new Regex($@"^(outbox:\d+|post:\{{{Regex.Escape(postId)}\}}:outbox:[^:]+|dataprotection:keys)$"), name));
        Assert.Contains(stored, name => name.StartsWith("outbox:", StringComparison.Ordinal) && char.IsAsciiDigit(name[^1]));
    }

    [Fact]
    public async Task Erasing_a_post_indexed_before_common_words_were_left_out_removes_it_from_their_sets_too()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?", threadId: "t-1");
        // What an earlier version wrote for the same post: its common words' sets as well.
        using var connection = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Configuration);
        var db = connection.GetDatabase();
        foreach (var word in new[] { "is", "my" })
        {
            await db.SortedSetAddAsync($"{_prefix}words:text:{word}", postId, 1);
        }

        await _host.Service<ICustomerErasureStore>().EraseTracesAsync("x", "@ana", [postId], wholeCustomer: false, TestConfig.Start);

        foreach (var word in new[] { "where", "is", "my", "parcel" })
        {
            Assert.Null(await db.SortedSetScoreAsync($"{_prefix}words:text:{word}", postId));
        }
    }

    /// <summary>The minute (and hour) the test's post arrives in, as unix milliseconds: the clock starts on the hour.</summary>
    private static long Minute => TestConfig.Start.ToUnixTimeMilliseconds() - (TestConfig.Start.ToUnixTimeMilliseconds() % 60_000);

    /// <summary>Every key under this test's prefix, without the prefix (a scan: fine for a test, never done by the store).</summary>
    private async Task<HashSet<string>> StoredKeysAsync()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Configuration);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: $"{_prefix}*"))
        {
            names.Add(((string)key!)[_prefix.Length..]);
        }

        return names;
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
