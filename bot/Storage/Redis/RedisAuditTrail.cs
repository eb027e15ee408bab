using System.Globalization;
using System.Text.Json;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The audit trail in Redis: a list per post ("sequence|event", only ever pushed to) and one
/// stream across all posts for reporting, both written by the post scripts with the change.
/// </summary>
public sealed class RedisAuditTrail(RedisDatabase redis) : IAuditTrail
{
    public Task<IReadOnlyList<AuditEvent>> ForPostAsync(string postId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var entries = await db.ListRangeAsync(redis.Keys.PostAudit(postId)).ConfigureAwait(false);
            return (IReadOnlyList<AuditEvent>)[.. entries.Select(entry => Read((string)entry!))];
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEvent>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<AuditEvent>>([])
            : redis.RunAsync(async db =>
            {
                var entries = await db.StreamRangeAsync(redis.Keys.AuditStream, count: limit, messageOrder: Order.Descending).ConfigureAwait(false);
                return (IReadOnlyList<AuditEvent>)[.. entries.Select(entry => Read((string)entry["seq"]!, (string)entry["event"]!))];
            }, cancellationToken);

    /// <summary>One entry of a post's audit list: "sequence|event".</summary>
    internal static AuditEvent Read(string entry)
    {
        var bar = entry.IndexOf('|', StringComparison.Ordinal);
        return Read(entry[..bar], entry[(bar + 1)..]);
    }

    private static AuditEvent Read(string sequence, string json) =>
        JsonSerializer.Deserialize(json, StoreJson.Default.AuditEvent)! with { Sequence = long.Parse(sequence, CultureInfo.InvariantCulture) };
}
