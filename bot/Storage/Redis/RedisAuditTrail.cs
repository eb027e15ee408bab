using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The audit trail in Redis: a list per post ("sequence|hash|link|chain|event", appended to, and
/// changed only by an erasure), and one stream across all posts that orders them and points into
/// the lists, both written by the post scripts with the change. Entries from before the chain
/// ("sequence|event") still read.
/// </summary>
public sealed class RedisAuditTrail(RedisDatabase redis) : IAuditTrail, IAuditChain
{
    // Stream entries read per script call when walking the whole trail.
    private const int Page = 1000;

    public async Task<IReadOnlyList<AuditEvent>> ForPostAsync(string postId, CancellationToken cancellationToken = default) =>
        [.. (await ReadPostAsync(postId, cancellationToken).ConfigureAwait(false)).Select(e => e.Event)];

    public async Task<IReadOnlyList<AuditEvent>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        limit <= 0
            ? []
            : [.. (await ReadPageAsync("-", limit, reverse: true, cancellationToken).ConfigureAwait(false)).Where(e => e.Entry is not null).Select(e => e.Entry!.Event)];

    async IAsyncEnumerable<ChainedAuditEvent> IAuditChain.ForPostAsync(string postId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in await ReadPostAsync(postId, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    public async IAsyncEnumerable<ChainedAuditEvent> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = "-";
        while (true)
        {
            var page = await ReadPageAsync(start, Page, reverse: false, cancellationToken).ConfigureAwait(false);
            foreach (var (_, sequence, post, entry) in page)
            {
                // A stream entry whose list entry is gone, or another one, was removed from the post's trail.
                yield return entry is not null && entry.Event.Sequence == sequence
                    ? entry
                    : new ChainedAuditEvent(new AuditEvent(post, DateTimeOffset.UnixEpoch, "", "", AuditAction.Received, null, PostState.Open, "", null, null) { Sequence = sequence }, null, null, null);
            }

            if (page.Count < Page)
            {
                yield break;
            }

            start = "(" + page[^1].StreamId;
        }
    }

    private Task<IReadOnlyList<ChainedAuditEvent>> ReadPostAsync(string postId, CancellationToken cancellationToken) =>
        redis.RunAsync(async db =>
        {
            var entries = await db.ListRangeAsync(redis.Keys.PostAudit(postId)).ConfigureAwait(false);
            return (IReadOnlyList<ChainedAuditEvent>)[.. entries.Select(entry => Parse((string)entry!))];
        }, cancellationToken);

    private Task<IReadOnlyList<(string StreamId, long Sequence, string PostId, ChainedAuditEvent? Entry)>> ReadPageAsync(string start, int count, bool reverse, CancellationToken cancellationToken) =>
        redis.RunAsync(async db =>
        {
            var page = (RedisResult[])(await RedisPostScripts.AuditPage.EvaluateAsync(db, new
            {
                prefix = redis.Keys.Prefix,
                auditStream = redis.Keys.AuditStream,
                start,
                count = count.ToString(CultureInfo.InvariantCulture),
                reverse = reverse ? "1" : "",
            }).ConfigureAwait(false))!;
            return (IReadOnlyList<(string, long, string, ChainedAuditEvent?)>)[.. page.Select(row =>
            {
                var parts = (RedisResult[])row!;
                var text = parts[3].IsNull ? null : (string?)parts[3];
                return ((string)parts[0]!, long.Parse((string)parts[1]!, CultureInfo.InvariantCulture), (string)parts[2]!, text is null ? null : Parse(text));
            })];
        }, cancellationToken);

    /// <summary>One entry of a post's audit list, its event alone (the figures read trails this way).</summary>
    internal static AuditEvent Read(string entry) => Parse(entry).Event;

    /// <summary>"sequence|hash|link|chain|event", or "sequence|event" from before the chain (no hashes).</summary>
    internal static ChainedAuditEvent Parse(string text)
    {
        var fields = text.Split('|', 5);
        if (fields.Length == 5 && !fields[1].StartsWith('{'))
        {
            return new ChainedAuditEvent(Read(fields[0], fields[4]), fields[1], fields[2], fields[3]);
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return new ChainedAuditEvent(Read(text[..bar], text[(bar + 1)..]), null, null, null);
    }

    private static AuditEvent Read(string sequence, string json) =>
        JsonSerializer.Deserialize(json, StoreJson.Default.AuditEvent)! with { Sequence = long.Parse(sequence, CultureInfo.InvariantCulture) };
}
