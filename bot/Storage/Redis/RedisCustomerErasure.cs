using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Privacy;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// An erasure's traces in Redis. A post's audit list is only ever appended to, so an entry keeps
/// its index and is replaced in place, keeping its sequence, hash, link and chain.
/// </summary>
public sealed class RedisCustomerErasure(RedisDatabase redis) : ICustomerErasureStore
{
    public Task<ErasedTraces> EraseTracesAsync(string source, string handle, IReadOnlyList<string> postIds, bool wholeCustomer, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        var keys = redis.Keys;
        return redis.RunAsync(async db =>
        {
            int events = 0, drafts = 0;
            foreach (var postId in postIds)
            {
                var entries = await db.ListRangeAsync(keys.PostAudit(postId)).ConfigureAwait(false);
                for (var i = 0; i < entries.Length; i++)
                {
                    var fields = ((string)entries[i]!).Split('|', 5);
                    var chained = RedisAuditTrail.Parse((string)entries[i]!);
                    if (AuditChain.Erase(chained.Event) is not { } erased)
                    {
                        continue;
                    }

                    var json = JsonSerializer.Serialize(erased with { Sequence = 0 }, StoreJson.Default.AuditEvent);
                    var text = chained.Hash is null ? $"{fields[0]}|{json}" : $"{fields[0]}|{fields[1]}|{fields[2]}|{fields[3]}|{json}";
                    await db.ListSetByIndexAsync(keys.PostAudit(postId), i, text).ConfigureAwait(false);
                    events++;
                }

                drafts += (int)await db.HashLengthAsync(keys.PostDrafts(postId)).ConfigureAwait(false);
                await db.KeyDeleteAsync(keys.PostDrafts(postId)).ConfigureAwait(false);
                if (await db.HashGetAsync(keys.Post(postId), "body").ConfigureAwait(false) is { IsNull: false } body
                    && JsonSerializer.Deserialize((string)body!, StoreJson.Default.CustomerPost) is { } post)
                {
                    var words = PostSearchWords.OfCustomer(post.Author).Select(w => keys.PostsWithWord(RedisPostStore.CustomerWords, w))
                        .Concat(PostSearchWords.AllOf(post.Text).Select(w => keys.PostsWithWord(RedisPostStore.TextWords, w)));
                    foreach (var key in words)
                    {
                        await db.SortedSetRemoveAsync(key, postId).ConfigureAwait(false);
                    }
                }
            }

            if (!wholeCustomer)
            {
                return new ErasedTraces(events, 0, drafts, false);
            }

            // Replies' text lives only in the post's body, which the save erases; what is left is when they went.
            var replies = (int)await db.SortedSetLengthAsync(keys.SentTo(source, handle)).ConfigureAwait(false);
            await db.KeyDeleteAsync(keys.SentTo(source, handle)).ConfigureAwait(false);
            var consent = await db.KeyDeleteAsync(keys.Consent(source, handle)).ConfigureAwait(false);
            return new ErasedTraces(events, replies, drafts, consent);
        }, cancellationToken);
    }

    public Task ForgetHandleAsync(string source, string handle, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        return redis.RunAsync(async db =>
        {
            await db.SortedSetRemoveAsync(redis.Keys.CustomerPosts(source, handle), [.. postIds.Select(id => (RedisValue)id)]).ConfigureAwait(false);
            foreach (var id in postIds)
            {
                await db.HashSetAsync(redis.Keys.Post(id), ErasedField, "1").ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Walks the posts by last change from the oldest before <paramref name="before"/> (the
    /// activity index scores minus the change time), keeping those closed or dismissed and not
    /// erased. Erased posts stay in the index, so a sweep reads past them: a background job's cost,
    /// off every request's path.
    /// </summary>
    public Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var expired = new List<string>();
            const int page = 1000;
            for (long skip = 0; expired.Count < limit; skip += page)
            {
                var ids = await db.SortedSetRangeByScoreAsync(redis.Keys.PostsByActivity, -before.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start, Order.Descending, skip, page).ConfigureAwait(false);
                var batch = db.CreateBatch();
                var states = ids.Select(id => batch.HashGetAsync(redis.Keys.Post((string)id!), ["state", ErasedField])).ToList();
                batch.Execute();
                for (var i = 0; i < ids.Length && expired.Count < limit; i++)
                {
                    var fields = await states[i].ConfigureAwait(false);
                    if (fields[1].IsNull && (fields[0] == nameof(PostState.Closed) || fields[0] == nameof(PostState.Dismissed)))
                    {
                        expired.Add((string)ids[i]!);
                    }
                }

                if (ids.Length < page)
                {
                    break;
                }
            }

            return (IReadOnlyList<string>)expired;
        }, cancellationToken);

    /// <summary>Set on a post's hash once its customer is erased.</summary>
    private const string ErasedField = "erased";
}
