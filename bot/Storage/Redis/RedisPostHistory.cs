using System.Globalization;
using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Posts by period from the per-state arrival indexes (read together in one script, so a post
/// that changes state meanwhile is neither missed nor counted twice), then their bodies and audit
/// lists a batch at a time. The cost is the posts in the period, never the whole store.
/// </summary>
public sealed class RedisPostHistory(RedisDatabase redis) : IPostHistory
{
    private const int Batch = 1000;

    /// <summary>Every state's arrival index cut to the period by score (minus the arrival time): the ids with their scores.</summary>
    private static readonly LuaScript Arrivals = LuaScript.Prepare(RedisKeys.Lua + """
        local found = {}
        for state in string.gmatch(@states, '[^,]+') do
          local page = redis.call('ZRANGE', postsInKey(state), @low, @high, 'BYSCORE', 'WITHSCORES')
          for i = 1, #page do found[#found + 1] = page[i] end
        end
        return found
        """);

    public async Task<IReadOnlyList<CustomerPost>> ReceivedAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        if (before <= from)
        {
            return [];
        }

        var found = (RedisValue[])(await redis.EvaluateAsync(
            Arrivals,
            new
            {
                prefix = redis.Keys.Prefix,
                states = string.Join(',', Enum.GetValues<PostState>()),
                // Scores are minus the arrival time: "before" is the low end (exclusive), "from" the high end.
                low = "(" + RedisText.Number(-before.ToUnixTimeMilliseconds()),
                high = RedisText.Number(-from.ToUnixTimeMilliseconds()),
            },
            cancellationToken).ConfigureAwait(false))!;
        var ids = new List<(string Id, double Score)>(found.Length / 2);
        for (var i = 0; i + 1 < found.Length; i += 2)
        {
            ids.Add(((string)found[i]!, double.Parse((string)found[i + 1]!, CultureInfo.InvariantCulture)));
        }

        var ordered = ids.OrderByDescending(e => e.Score).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id).ToList();
        var posts = new List<CustomerPost>(ordered.Count);
        foreach (var chunk in ordered.Chunk(Batch))
        {
            var bodies = await redis.RunAsync(db =>
            {
                var batch = db.CreateBatch();
                var reads = chunk.Select(id => batch.HashGetAsync(redis.Keys.Post(id), "body")).ToList();
                batch.Execute();
                return Task.WhenAll(reads);
            }, cancellationToken).ConfigureAwait(false);
            posts.AddRange(bodies.Where(b => !b.IsNull).Select(b => JsonSerializer.Deserialize((string)b!, StoreJson.Default.CustomerPost)!));
        }

        return posts;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AuditEvent>>> TrailsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        var trails = new Dictionary<string, IReadOnlyList<AuditEvent>>(StringComparer.Ordinal);
        foreach (var chunk in postIds.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var lists = await redis.RunAsync(db =>
            {
                var batch = db.CreateBatch();
                var reads = chunk.Select(id => batch.ListRangeAsync(redis.Keys.PostAudit(id))).ToList();
                batch.Execute();
                return Task.WhenAll(reads);
            }, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (lists[i].Length > 0)
                {
                    trails[chunk[i]] = [.. lists[i].Select(entry => RedisAuditTrail.Read((string)entry!))];
                }
            }
        }

        return trails;
    }
}
